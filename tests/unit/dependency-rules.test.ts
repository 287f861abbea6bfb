import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The arrows of the architecture (.dependency-cruiser.cjs, docs/architecture.md): the real tree
 * keeps them, and a small tree that breaks each rule once is caught, so the check can fail.
 */
const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string, paths: string[]): Violation[] {
  const run = spawnSync(join(ROOT, 'node_modules', '.bin', 'depcruise'), [...paths, '--config', CONFIG, '--output-type', 'json'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (!run.stdout) throw new Error(`depcruise printed nothing (exit ${run.status}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

const readable = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}`;

describe('dependency rules', () => {
  test('the worker, schema, extension, widgets and pages keep every arrow', () => {
    expect(cruise(ROOT, ['worker/src', 'schema', 'extension/src', 'widgets/src', 'pages/src']).map(readable)).toEqual([]);
  });

  test('a tree that breaks each rule once is caught on each', () => {
    const found = cruise(join(ROOT, 'tests', 'fixtures', 'dependency-rules'), ['worker/src', 'schema', 'extension/src'])
      .map(readable)
      .sort();
    expect(found).toEqual([
      'capability-through-index: worker/src/pay/imports-route.ts → worker/src/reports/routes/page_report.ts',
      'capability-through-index: worker/src/pay/reaches-in.ts → worker/src/clients/companies/get.ts',
      'host-adapters-are-leaves: extension/src/hosts/site.ts → extension/src/content/phones.ts',
      'host-adapters-are-leaves: extension/src/hosts/site.ts → extension/src/hosts/index.ts',
      'no-circular: extension/src/hosts/index.ts → extension/src/hosts/site.ts',
      'no-circular: worker/src/platform/ping.ts → worker/src/platform/pong.ts',
      'nothing-imports-routes: worker/src/pay/imports-route.ts → worker/src/reports/routes/page_report.ts',
      'platform-imports-no-capability: worker/src/platform/leaky.ts → worker/src/pay/through-index.ts',
      'schema-imports-no-code: schema/contract.ts → worker/src/platform/leaky.ts',
    ]);
  });
});
