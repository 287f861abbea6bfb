import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** `npm run deploy` refuses production variables that switch the sandbox PBX on — checked before any Cloudflare call. */
const ROOT = join(__dirname, '..', '..');

function problems(text: string): string[] {
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { productionProblems } from ${JSON.stringify(join(ROOT, 'scripts/lib/production-guard.mjs'))}; console.log(JSON.stringify(productionProblems(process.argv[1])))`,
      text,
    ],
    { encoding: 'utf8' },
  );
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
}

test.each([
  ['SANDBOX_PBX=on', 1],
  ['SANDBOX_PBX="on"\nTELEPHONY_PROVIDER=sandbox', 2],
  ['# SANDBOX_PBX=on\nSANDBOX_PBX=off\nTELEPHONY_PROVIDER=mango', 0],
  ['SESSION_SECRET=x', 0],
])('%j → %i problems', (text, n) => {
  expect(problems(text)).toHaveLength(n);
});
