#!/usr/bin/env node
// `npm run check:bundle`: the worker bundles as `wrangler deploy` would (--dry-run, nothing uploaded)
// and its gzip size stays under the budget. CI runs it; prints "1 passed, 0 failed" or the reason.
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT, run } from './lib/ensure.mjs';

/** The budget the issue set (today ~360 KB); Cloudflare's own limit is 3 MB (free) / 10 MB (paid) gzip. */
export const GZIP_BUDGET_BYTES = 1024 * 1024;
const outdir = join(ROOT, '.tmp', 'bundle');

rmSync(outdir, { recursive: true, force: true });
console.log('→ wrangler deploy --dry-run');
const code = run(`npx wrangler deploy --dry-run --outdir ${JSON.stringify(outdir)}`);
let failure = code === 0 ? null : `wrangler deploy --dry-run failed (exit ${code})`;
if (!failure) {
  // What is uploaded: every module wrangler wrote, not the source maps or its README.
  const modules = readdirSync(outdir).filter((f) => /\.(m?js|wasm)$/.test(f) && statSync(join(outdir, f)).isFile());
  if (!modules.length) failure = `wrangler wrote no module into ${outdir}`;
  const raw = modules.reduce((n, f) => n + statSync(join(outdir, f)).size, 0);
  const gzip = modules.reduce((n, f) => n + gzipSync(readFileSync(join(outdir, f)), { level: 9 }).length, 0);
  console.log(
    `worker bundle: ${modules.join(', ')}: ${(raw / 1024).toFixed(0)} KiB, gzip ${(gzip / 1024).toFixed(0)} KiB (budget ${GZIP_BUDGET_BYTES / 1024} KiB)`,
  );
  if (!failure && gzip > GZIP_BUDGET_BYTES)
    failure = `the gzip size ${(gzip / 1024).toFixed(0)} KiB passes the ${GZIP_BUDGET_BYTES / 1024} KiB budget`;
}
if (failure) console.log(`✗ ${failure}`);
console.log(`\n${failure ? 0 : 1} passed, ${failure ? 1 : 0} failed`);
process.exit(failure ? 1 : 0);
