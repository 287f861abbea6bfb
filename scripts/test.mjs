#!/usr/bin/env node
// `npm test`: install what is missing, typecheck, build, then every jest project
// (unit, integration on workerd + D1, end-to-end in Chromium and, for the extension, Firefox ESR), closing with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ensureChromium, ensureDependencies, must, run } from './lib/ensure.mjs';
import { readJestReport, slowestSuites } from './lib/jest-report.mjs';

/** Debian's python3-openpyxl, the independent reader the XLSX writer's tests open files with (they fail without it). */
function ensureOpenpyxl() {
  const found = () =>
    [process.env.PYTHON, '/usr/bin/python3', 'python3']
      .filter(Boolean)
      .some((py) => spawnSync(py, ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0);
  if (found()) return;
  if (process.getuid?.() === 0) {
    console.log('→ Устанавливаю python3-openpyxl из пакетов Debian / installing python3-openpyxl (apt-get)');
    must(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-openpyxl',
      'apt-get install python3-openpyxl',
    );
    if (found()) return;
  }
  console.error(
    '✗ openpyxl не найден: тесты XLSX упадут. Установите его (sudo apt-get install python3-openpyxl) или укажите PYTHON.\n' +
      '  openpyxl not found, the XLSX tests will fail: install it (sudo apt-get install python3-openpyxl) or set PYTHON to a python3 that has it.',
  );
}

/**
 * Debian's Firefox ESR for tests/e2e/extension-firefox.test.ts (the Firefox build over WebDriver BiDi):
 * found, installed when we are root (as Chromium is), else that one suite is skipped — printed here,
 * by the suite itself and again above the closing line, and counted neither passed nor failed.
 */
function ensureFirefox() {
  const found = () => [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].filter(Boolean).find((p) => existsSync(p));
  if (found()) return found();
  if (process.getuid?.() === 0) {
    console.log('→ Устанавливаю Firefox ESR из пакетов Debian / installing firefox-esr (apt-get)');
    run('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr');
    if (found()) return found();
  }
  console.error(
    '⚠ Firefox ESR не найден и не установлен: e2e-тест расширения в Firefox будет пропущен (sudo apt-get install firefox-esr или FIREFOX_PATH).\n' +
      '  Firefox ESR not found and not installable here: the Firefox extension suite will be skipped (install firefox-esr or set FIREFOX_PATH).',
  );
  return null;
}

ensureDependencies();
const chrome = ensureChromium();
ensureOpenpyxl();
const firefox = ensureFirefox();

const checks = { passed: 0, failed: 0, failedNames: [] };
function step(name, cmd) {
  console.log(`\n→ ${name}`);
  const ok = run(cmd) === 0;
  if (ok) checks.passed++;
  else {
    checks.failed++;
    checks.failedNames.push(name);
  }
  return ok;
}

step('format (biome: npm run format fixes it)', 'npx biome format .');
step('typecheck', 'npm run -s typecheck');
const built = step('build (extension, widgets)', 'npm run -s build');
if (!chrome) {
  checks.failed++;
  checks.failedNames.push('chromium missing: end-to-end tests not run');
}

mkdirSync(join(ROOT, '.tmp'), { recursive: true });
const report = join(ROOT, '.tmp', 'jest-results.json');
const projects = chrome && built ? '' : '--selectProjects unit integration';
console.log('\n→ jest');
const started = performance.now();
run(`npx jest ${projects} --maxWorkers=2 --json --outputFile=${report}`, {
  env: { ...(chrome ? { CHROME_PATH: chrome } : {}), ...(firefox ? { FIREFOX_PATH: firefox } : {}) },
});
const minutes = (performance.now() - started) / 60_000;

const jest = readJestReport(report);
if (!jest.ok) checks.failedNames.push('jest produced no report');
const passed = checks.passed + jest.passed;
const failed = checks.failed + jest.failed;
console.log(`\njest: ${minutes.toFixed(1)} min; the 10 slowest suites:\n${slowestSuites(jest.suites).join('\n')}`);
if (checks.failedNames.length) console.log(`\nFailed checks: ${checks.failedNames.join('; ')}`);
if (!firefox) console.log('\nSkipped (neither passed nor failed): tests/e2e/extension-firefox.test.ts — no Firefox ESR on this machine');
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
