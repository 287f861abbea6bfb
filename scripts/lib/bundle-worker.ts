import { build } from 'esbuild';
import { join } from 'node:path';

export const WORKER_ENTRY = join(__dirname, '..', '..', 'worker', 'src', 'index.ts');

/** The worker bundled the way wrangler does it (esbuild, ESM, workerd conditions), for Miniflare. */
export async function bundleWorkerScript(): Promise<string> {
  const result = await build({
    entryPoints: [WORKER_ENTRY],
    bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', write: false,
    mainFields: ['module', 'main'], conditions: ['workerd', 'worker', 'browser'],
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
