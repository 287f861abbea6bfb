#!/usr/bin/env node
// `npm test`: install what is missing, typecheck, build, then every jest project
// (unit, integration on workerd + D1, end-to-end in Chromium), closing with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureChromium, ensureDependencies, must, run } from './lib/ensure.mjs';

/** Debian's python3-openpyxl, the independent reader the XLSX writer's tests open files with (they fail without it). */
function ensureOpenpyxl() {
  const found = () => [process.env.PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean)
    .some((py) => spawnSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
  if (found()) return;
  if (process.getuid?.() === 0) {
    console.log('→ Устанавливаю python3-openpyxl из пакетов Debian / installing python3-openpyxl (apt-get)');
    must('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-openpyxl', 'apt-get install python3-openpyxl');
    if (found()) return;
  }
  console.error('✗ openpyxl не найден: тесты XLSX упадут. Установите его (sudo apt-get install python3-openpyxl) или укажите PYTHON.\n' +
    '  openpyxl not found, the XLSX tests will fail: install it (sudo apt-get install python3-openpyxl) or set PYTHON to a python3 that has it.');
}

ensureDependencies();
const chrome = ensureChromium();
ensureOpenpyxl();

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
