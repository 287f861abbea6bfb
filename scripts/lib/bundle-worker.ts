import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const WORKER_ENTRY = join(__dirname, '..', '..', 'worker', 'src', 'index.ts');

/** The worker bundled the way wrangler does it (esbuild, ESM, workerd conditions), for Miniflare. */
export async function bundleWorkerScript(): Promise<string> {
  const result = await build({
    entryPoints: [WORKER_ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    // Server pages are hono/jsx components (docs/decisions.md #30); each .tsx also says so in a pragma, for wrangler.
    jsx: 'automatic',
    jsxImportSource: 'hono/jsx',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** KEY=VALUE lines of a .dev.vars-style file (comments and blanks skipped). */
export function parseVars(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (m && !line.trim().startsWith('#')) vars[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
  }
  return vars;
}

/**
 * Miniflare's asset router as wrangler.toml configures it: paths listed in `run_worker_first`
 * go straight to the worker (as in production), the rest try the static assets first.
 */
export function assetsRouterConfig(): { has_user_worker: true; static_routing?: { user_worker: string[] } } {
  const toml = readFileSync(join(__dirname, '..', '..', 'wrangler.toml'), 'utf8');
  const list = /^run_worker_first\s*=\s*\[([^\]]*)\]/m.exec(toml)?.[1];
  const rules = list ? [...list.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
  return rules.length ? { has_user_worker: true, static_routing: { user_worker: rules } } : { has_user_worker: true };
}
