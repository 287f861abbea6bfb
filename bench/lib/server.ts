import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

/** wrangler dev over a persisted local D1, in its own process group so stopping it stops workerd too. */
export class LocalServer {
  private child: ChildProcess | undefined;
  constructor(readonly persistTo: string, readonly port: number) {}

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (await this.answers()) throw new Error(`port ${this.port} already answers: stop the stale server first`);
    if (!existsSync(join(ROOT, 'dist', 'public'))) {
      const built = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (built.status !== 0) throw new Error('build failed');
    }
    this.child = spawn('npx', ['wrangler', 'dev', '--ip', '127.0.0.1', '--port', String(this.port), '--persist-to', this.persistTo, '--show-interactive-dev-session=false', '--log-level', 'warn'], {
      cwd: ROOT, detached: true, stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
    });
    for (let i = 0; i < 120; i++) {
      if (await this.answers()) return;
      await new Promise((r) => setTimeout(r, 500));
    }
    this.stop();
    throw new Error('wrangler dev did not answer within 60 s');
  }

  async answers(): Promise<boolean> {
    try {
      return (await fetch(`${this.base}/api/health`)).ok;
    } catch {
      return false;
    }
  }

  stop(): void {
    if (!this.child?.pid) return;
    try { process.kill(-this.child.pid, 'SIGTERM'); } catch { /* gone */ }
    const pid = this.child.pid;
    setTimeout(() => { try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ } }, 2000).unref();
    this.child = undefined;
  }

  async signIn(email: string, password: string): Promise<string> {
    const res = await fetch(`${this.base}/api/auth/sign-in`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
    });
    if (!res.ok) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
    return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  }
}
