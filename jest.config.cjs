/**
 * Unit and integration tests in Node; end-to-end ones drive Chromium. The timeouts below are the
 * only ones: sized for a loaded 2-core machine, where starting a second workerd or Chromium takes
 * tens of seconds (toolchain.md, pitfall 11). No test or hook sets its own (tests/unit/test-rules.test.ts).
 */
const TIMEOUT_MS = { unit: 30_000, integration: 120_000, e2e: 180_000 };
const transform = {
  '^.+\\.(t|j|mj)sx?$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic', importSource: 'preact' } } },
      module: { type: 'commonjs' },
    },
  ],
};
module.exports = {
  projects: [
    {
      displayName: 'unit',
      // testTimeout is a global option that projects ignore: the setup file applies the project's own.
      globals: { TEST_TIMEOUT_MS: TIMEOUT_MS.unit },
      setupFilesAfterEnv: ['<rootDir>/tests/setup/timeout.ts'],
      testMatch: ['<rootDir>/tests/unit/**/*.test.ts?(x)'],
      transform,
      transformIgnorePatterns: ['/node_modules/(?!(preact|preact-custom-element|@preact)/)'],
      testEnvironment: 'node',
    },
    {
      displayName: 'integration',
      // testTimeout is a global option that projects ignore: the setup file applies the project's own.
      globals: { TEST_TIMEOUT_MS: TIMEOUT_MS.integration },
      setupFilesAfterEnv: ['<rootDir>/tests/setup/timeout.ts'],
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
    },
    {
      displayName: 'e2e',
      // testTimeout is a global option that projects ignore: the setup file applies the project's own.
      globals: { TEST_TIMEOUT_MS: TIMEOUT_MS.e2e },
      setupFilesAfterEnv: ['<rootDir>/tests/setup/timeout.ts'],
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      transform,
      testEnvironment: 'node',
    },
  ],
};
