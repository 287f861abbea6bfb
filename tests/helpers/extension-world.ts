import {
  FIXTURE_GRANTS,
  extensionGranting,
  launchBrowser,
  serveFixtureSites,
  signInAndEnableSites,
  type FixtureSites,
  type TestBrowser,
} from './browser';
import { startWorker, type TestWorker } from './worker';
import { PASSWORD, seedWorld, world } from './world';

/** The seeded server, the fixture sites at their real addresses and Chromium with the built extension, signed in as manager A. */
export interface SignedInExtension {
  server: TestWorker;
  sites: FixtureSites;
  chromium: TestBrowser;
  /** Stops all of it (also what was started when a later step failed). */
  close: () => Promise<void>;
}

export async function startSignedInExtension(pages: Map<string, () => string>): Promise<SignedInExtension> {
  const started: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const stop of started.reverse()) await stop();
  };
  try {
    const server = await startWorker({ http: true });
    started.push(() => server.dispose());
    await seedWorld(server);
    const sites = await serveFixtureSites(pages);
    started.push(() => sites.close());
    const extension = await extensionGranting(FIXTURE_GRANTS);
    started.push(() => extension.dispose());
    const chromium = await launchBrowser({ extension: true, extensionDir: extension.dir, args: sites.args });
    started.push(() => chromium.close());
    await signInAndEnableSites(chromium.browser, server.url.origin, world.users.managerA.email, PASSWORD);
    return { server, sites, chromium, close };
  } catch (err) {
    await close();
    throw err;
  }
}
