import { Miniflare } from 'miniflare';
import { join } from 'node:path';
import { assetsRouterConfig, bundleWorkerScript } from '../../scripts/lib/bundle-worker';
import { D1_MIGRATIONS_TABLE, readMigrations } from '../../scripts/lib/migrations';
import { refreshRevenueWindow, revenueWindowFrom } from '../../schema/rollups';
import { monthOf, TEST_NOW } from './clock';
import { SQL_WORKER_SCRIPT, testD1 } from './test-d1';

const ROOT = join(__dirname, '..', '..');

export const TEST_SECRETS = {
  EMBED_TOKEN_SECRET: 'test-embed-secret',
  TELEPHONY_WEBHOOK_SECRET: 'whsec_dGVzdC10ZWxlcGhvbnktc2VjcmV0',
  ONEC_WEBHOOK_SECRET: 'test-onec-secret',
  FRAME_ANCESTORS: 'http://1c.localhost',
  SECURE_COOKIES: 'true',
  // Telephony (tests/helpers/telephony.ts signs with these): PBX credentials and the sandbox PBX on.
  MANGO_VPBX_API_KEY: 'test-mango-vpbx-key',
  MANGO_VPBX_API_SALT: 'test-mango-vpbx-salt',
  ZADARMA_API_SECRET: 'test-zadarma-secret',
  ZADARMA_API_KEY: 'test-zadarma-key',
  SANDBOX_PBX: 'on',
};

let bundled: Promise<string> | undefined;

/** The real worker, bundled once per test process. */
export function bundleWorker(): Promise<string> {
  bundled ??= bundleWorkerScript();
  return bundled;
}

export interface TestWorker {
  mf: Miniflare;
  db: D1Database;
  url: URL;
  fetch: (path: string, init?: RequestInit) => Promise<Response>;
  dispose: () => Promise<void>;
}

export interface StartOptions {
  bindings?: Record<string, string>;
  http?: boolean;
  assets?: boolean;
  /** The worker's "now" (epoch ms): the suite's TEST_NOW unless the suite states its own date. */
  now?: number;
  /**
   * A directory keeping D1 on disk: a worker started later on the same directory (after the first is
   * disposed) finds the same rows, which is how a test lets time pass. Only new migrations are applied.
   */
  d1Persist?: string;
  /** Workers Rate Limiting bindings (wrangler.toml [[ratelimits]]); Miniflare counts them in memory per real period. */
  ratelimits?: Record<string, { simple: { limit: number; period?: 10 | 60 } }>;
}

/**
 * A worker on workerd with a fresh in-memory D1 carrying the real migrations, its clock fixed at
 * `now`, and the dormant-clients revenue window where the cron would have rolled it at that moment
 * (migration 0010 starts it from SQLite's own clock).
 */
export async function startWorker(opts: StartOptions = {}): Promise<TestWorker> {
  const now = opts.now ?? TEST_NOW;
  const script = await bundleWorker();
  const mf = new Miniflare({
    ...(opts.http ? { host: '127.0.0.1', port: 0 } : {}),
    ...(opts.d1Persist ? { d1Persist: opts.d1Persist } : {}),
    workers: [
      {
        name: 'voronka',
        modules: true,
        script,
        compatibilityDate: '2026-04-01',
        d1Databases: { DB: 'voronka-test' },
        durableObjects: { LIVE: { className: 'ManagerChannel', useSQLite: true } }, // the live channels, as wrangler.toml binds them
        ...(opts.ratelimits ? { ratelimits: opts.ratelimits } : {}),
        bindings: { ...TEST_SECRETS, CLOCK_NOW: new Date(now).toISOString(), ...opts.bindings },
        ...(opts.assets ? { assets: { directory: join(ROOT, 'dist/public'), binding: 'ASSETS', routerConfig: assetsRouterConfig() } } : {}),
      },
      // The tests' own door to the same database (tests/helpers/test-d1.ts); the product never has it.
      { name: 'test-sql', modules: true, script: SQL_WORKER_SCRIPT, compatibilityDate: '2026-04-01', d1Databases: { DB: 'voronka-test' } },
    ],
  });
  const url = await mf.ready;
  const sqlWorker = await mf.getWorker('test-sql');
  const db = testD1(async (body) => (await sqlWorker.fetch('http://test-sql/', { method: 'POST', body })) as unknown as Response);
  await db.prepare(D1_MIGRATIONS_TABLE).run();
  const applied = new Set((await db.prepare('SELECT name FROM d1_migrations').all<{ name: string }>()).results.map((r) => r.name));
  for (const migration of readMigrations().filter((m) => !applied.has(m.name))) {
    await db.batch([
      ...migration.statements.map((s) => db.prepare(s)),
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').bind(migration.name),
    ]);
  }
  await db.batch(refreshRevenueWindow(`'${revenueWindowFrom(monthOf(now))}'`).map((q) => db.prepare(q)));
  return {
    mf,
    db,
    url,
    fetch: async (path, init) => (await mf.dispatchFetch(new URL(path, url).toString(), init as never)) as unknown as Response,
    dispose: () => mf.dispose(),
  };
}
