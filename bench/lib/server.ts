import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Miniflare } from 'miniflare';
import { assetsRouterConfig, bundleWorkerScript, parseVars } from '../../scripts/lib/bundle-worker';

export const ROOT = join(__dirname, '..', '..');
/** wrangler.toml's database_id: the key under which local D1 files are stored. */
const D1_ID = /database_id\s*=\s*"([^"]+)"/.exec(readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'))![1]!;

/**
 * The worker on workerd over a persisted local D1 (the same file `wrangler dev --persist-to`
 * serves), reached through HTTP. Miniflare directly rather than `wrangler dev`: wrangler's
 * development proxy adds ~6 ms to every request (health p95 9 ms vs 3.7 ms), which production
 * does not have and which would drown the figures being measured.
 */
export class LocalServer {
  private mf: Miniflare | undefined;
  private url: URL | undefined;
  /** `now`: the worker's clock (CLOCK_NOW), the end of the seeded history. */
  constructor(
    readonly persistTo: string,
    readonly port: number,
    readonly now: number,
  ) {}

  get base(): string {
    return this.url ? this.url.origin : `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (await this.answers()) throw new Error(`port ${this.port} already answers: stop the stale server first`);
    if (!existsSync(join(ROOT, 'dist', 'public'))) {
      const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('build failed');
    }
    this.mf = new Miniflare({
      modules: true,
      script: await bundleWorkerScript(),
      compatibilityDate: '2026-04-01',
      d1Databases: { DB: D1_ID },
      durableObjects: { LIVE: { className: 'ManagerChannel', useSQLite: true } },
      d1Persist: join(this.persistTo, 'v3', 'd1'),
      bindings: {
        ...parseVars(readFileSync(join(ROOT, '.dev.vars.example'), 'utf8')),
        APP_VERSION: 'bench',
        CLOCK_NOW: new Date(this.now).toISOString(),
      },
      assets: { directory: join(ROOT, 'dist', 'public'), binding: 'ASSETS', routerConfig: assetsRouterConfig() },
      host: '127.0.0.1',
      port: this.port,
    });
    this.url = await this.mf.ready;
    if (!(await this.answers())) throw new Error('the worker did not answer /api/health');
  }

  async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.base}/api/health`)).ok;
    } catch {
      return false;
    }
  }

  async stop(): Promise<void> {
    await this.mf?.dispose();
    this.mf = undefined;
  }

  async signIn(email: string, password: string): Promise<string> {
    const res = await fetch(`${this.base}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
}
