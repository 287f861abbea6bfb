// The one timeout of each jest project (jest.config.cjs passes it as a global): tests and hooks alike.
jest.setTimeout((globalThis as unknown as { TEST_TIMEOUT_MS: number }).TEST_TIMEOUT_MS);
