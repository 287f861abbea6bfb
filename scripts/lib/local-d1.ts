import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');

/**
 * Applies the migrations to a local D1 with wrangler's own command (so d1_migrations and the file
 * layout are exactly what `wrangler dev --persist-to` reads) and returns that database's file.
 */
export function prepareLocalD1(persistTo: string): string {
  const dir = resolve(persistTo);
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  try {
    execFileSync(npx, ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], {
      cwd: REPO_ROOT,
      env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
    });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`wrangler d1 migrations apply failed for ${dir}: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
  return localD1File(dir);
}

/** The one D1 database file miniflare keeps under `<persistTo>/v3/d1/miniflare-D1DatabaseObject/`. */
export function localD1File(persistTo: string): string {
  const objectDir = join(resolve(persistTo), 'v3', 'd1', 'miniflare-D1DatabaseObject');
  if (!existsSync(objectDir)) throw new Error(`No local D1 under ${objectDir}: were the migrations applied?`);
  // metadata.sqlite is miniflare's own bookkeeping, not the database.
  const files = readdirSync(objectDir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (files.length !== 1) {
    throw new Error(`Expected exactly one D1 database file in ${objectDir}, found ${files.length}: ${files.join(', ') || 'none'}`);
  }
  return join(objectDir, files[0] as string);
}
