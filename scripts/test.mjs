#!/usr/bin/env node
// `npm test`: install what is missing, typecheck, build, then every jest project
// (unit, integration on workerd + D1, end-to-end in Chromium), closing with "N passed, N failed".
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureChromium, ensureDependencies, run } from './lib/ensure.mjs';

ensureDependencies();
const chrome = ensureChromium();

const checks = { passed: 0, failed: 0, failedNames: [] };
function step(name, cmd) {
  console.log(`\n→ ${name}`);
  const ok = run(cmd) === 0;
  if (ok) checks.passed++; else { checks.failed++; checks.failedNames.push(name); }
  return ok;
}

step('typecheck', 'npm run -s typecheck');
const built = step('build (extension, widgets)', 'npm run -s build');
if (!chrome) { checks.failed++; checks.failedNames.push('chromium missing: end-to-end tests not run'); }

mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const report = join(ROOT, '.tmp', 'jest-results.json');
const projects = chrome && built ? '' : '--selectProjects unit integration';
console.log('\n→ jest');
run(`npx jest ${projects} --json --outputFile=${report}`, { env: chrome ? { CHROME_PATH: chrome } : {} });

let jest = { numPassedTests: 0, numFailedTests: 0, numRuntimeErrorTestSuites: 0 };
try { jest = JSON.parse(readFileSync(report, 'utf8')); } catch { checks.failed++; checks.failedNames.push('jest produced no report'); }
// A suite that crashes before its tests run counts as one failure, so it cannot vanish from the total.
const passed = checks.passed + jest.numPassedTests;
const failed = checks.failed + jest.numFailedTests + jest.numRuntimeErrorTestSuites;
if (checks.failedNames.length) console.log(`\nFailed checks: ${checks.failedNames.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
