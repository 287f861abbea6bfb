// Reading jest's --json report: the counts the closing line carries and the slowest suites.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './ensure.mjs';

/** Counts from a jest JSON report; a missing or unreadable report is one failure, never zero. A suite that crashes before its tests counts as one failure. */
export function readJestReport(file) {
  try {
    const jest = JSON.parse(readFileSync(file, 'utf8'));
    const suites = (jest.testResults ?? []).map((s) => ({
      name: relative(ROOT, s.name),
      seconds: ((s.perfStats?.end ?? s.endTime ?? 0) - (s.perfStats?.start ?? s.startTime ?? 0)) / 1000,
      failed: s.status !== 'passed',
    }));
    return { ok: true, passed: jest.numPassedTests, failed: jest.numFailedTests + jest.numRuntimeErrorTestSuites, suites };
  } catch {
    return { ok: false, passed: 0, failed: 1, suites: [] };
  }
}

/** The n slowest suites as printable lines. */
export function slowestSuites(suites, n = 10) {
  return [...suites]
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, n)
    .map((s, i) => `${String(i + 1).padStart(2)}. ${s.seconds.toFixed(1).padStart(6)} s  ${s.name}${s.failed ? '  (failed)' : ''}`);
}
