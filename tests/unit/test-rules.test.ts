import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Rules every file keeps so that `npm test` answers the same whatever the date and the machine.
 *
 * One clock: product code, seeds, the bench and tests never read the machine's calendar on their
 * own. "Now" comes from the request (worker/src/platform/clock.ts), the cron's scheduledTime, or the two
 * modules below; elapsed time is measured with performance.now(), which is no calendar.
 */
const ROOT = join(__dirname, '..', '..');
const SCANNED = ['worker', 'schema', 'extension/src', 'widgets/src', 'pages/src', 'scripts', 'bench', 'tests'];
const CLOCK_MODULES = ['schema/domain/clock.ts', 'tests/helpers/clock.ts'];
/**
 * SQL clock readings that stay: migration 0010 as it was applied (the cron moves the revenue window
 * after it), and wrangler's own d1_migrations table, which the test harness recreates as wrangler does.
 */
const SQL_NOW_ALLOWED = [/^schema\/migrations\/0010_reports\.sql$/, /^schema\/rollups\/index\.ts$/, /^scripts\/lib\/migrations\.ts$/];

/** A calendar read in JS/TS: Date.now(), new Date() with no argument, Date() called as a function. */
const JS_CLOCK = /\bDate\.now\s*\(|\bnew\s+Date\s*\(\s*\)|(?<![.\w]|new\s)Date\s*\(\s*\)/;
/** SQLite reading its own clock: 'now' as a date-function argument, CURRENT_TIMESTAMP/DATE/TIME. */
const SQL_CLOCK =
  /\b(date|time|datetime|julianday|unixepoch|strftime)\s*\([^)]*['"]now['"]|\bunixepoch\s*\(\s*\)|\bCURRENT_(TIMESTAMP|DATE|TIME)\b/i;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...files(path));
    else if (/\.(ts|tsx|mjs|js|cjs|sql)$/.test(name)) out.push(path);
  }
  return out;
}

/** Strips line and block comments so a comment that talks about Date.now() is not a finding. */
function codeOf(line: string, state: { inBlock: boolean }): string {
  let out = '';
  for (let i = 0; i < line.length; i++) {
    if (state.inBlock) {
      if (line.startsWith('*/', i)) {
        state.inBlock = false;
        i++;
      }
      continue;
    }
    if (line.startsWith('/*', i)) {
      state.inBlock = true;
      i++;
      continue;
    }
    if (line.startsWith('//', i) && line[i - 1] !== ':') break;
    out += line[i];
  }
  return out;
}

export function clockFindings(root = ROOT): string[] {
  const findings: string[] = [];
  for (const top of SCANNED) {
    for (const path of files(join(root, top))) {
      const rel = relative(root, path).split('\\').join('/');
      if (CLOCK_MODULES.includes(rel) || rel === 'tests/unit/test-rules.test.ts') continue;
      const state = { inBlock: false };
      readFileSync(path, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          const code = rel.endsWith('.sql') ? line.replace(/--.*$/, '') : codeOf(line, state);
          if (!rel.endsWith('.sql') && JS_CLOCK.test(code))
            findings.push(`${rel}:${i + 1}: reads the machine's clock: ${line.trim().slice(0, 120)}`);
          if (SQL_CLOCK.test(code) && !SQL_NOW_ALLOWED.some((re) => re.test(rel)))
            findings.push(`${rel}:${i + 1}: SQL reads SQLite's clock: ${line.trim().slice(0, 120)}`);
        });
    }
  }
  return findings;
}

describe('one clock', () => {
  test('no file outside the clock modules reads the machine calendar (Date.now(), new Date(), SQL now)', () => {
    expect(clockFindings()).toEqual([]);
  });

  test('the rule sees what it forbids (a checker that finds nothing proves nothing)', () => {
    const samples = ['const t = Date.now();', 'const d = new Date();', 'const s = Date();', 'db.exec("SELECT date(\'now\')")'];
    for (const sample of samples) expect(JS_CLOCK.test(sample) || SQL_CLOCK.test(sample)).toBe(true);
    const allowed = [
      'new Date(ms)',
      'new Date(`${d}T00:00:00Z`)',
      'performance.now()',
      'x.toDate()',
      'parseDate()',
      '// Date.now() in a comment',
    ];
    for (const sample of allowed) expect(JS_CLOCK.test(codeOf(sample, { inBlock: false }))).toBe(false);
  });
});

/**
 * One timeout: jest.config.cjs sets one per project, sized for a slow machine. A test or hook with
 * its own number is how a suite ends up passing only on an idle box.
 */
const OWN_TIMEOUT =
  /\bjest\.setTimeout\s*\(|^\s*\}\s*,\s*[0-9][0-9_]*\s*\);?\s*$|\b(beforeAll|afterAll|beforeEach|afterEach|test|it)\s*\(.*\}\s*,\s*[0-9][0-9_]*\s*\);?\s*$/;

export function timeoutFindings(root = ROOT): string[] {
  const findings: string[] = [];
  for (const path of files(join(root, 'tests'))) {
    const rel = relative(root, path).split('\\').join('/');
    if (rel === 'tests/unit/test-rules.test.ts' || rel === 'tests/setup/timeout.ts') continue;
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (OWN_TIMEOUT.test(line)) findings.push(`${rel}:${i + 1}: sets its own timeout: ${line.trim().slice(0, 120)}`);
      });
  }
  return findings;
}

describe('one timeout', () => {
  test('no test, hook or suite sets its own timeout (jest.config.cjs holds them)', () => {
    expect(timeoutFindings()).toEqual([]);
  });

  test('every jest project applies its one timeout, sized for a slow machine', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const config = require(join(ROOT, 'jest.config.cjs')) as {
      projects: { displayName: string; globals?: { TEST_TIMEOUT_MS?: number }; setupFilesAfterEnv?: string[] }[];
    };
    for (const project of config.projects) {
      expect([project.displayName, project.setupFilesAfterEnv]).toEqual([
        project.displayName,
        expect.arrayContaining(['<rootDir>/tests/setup/timeout.ts']),
      ]);
      expect(project.globals?.TEST_TIMEOUT_MS).toBeGreaterThanOrEqual(30_000);
    }
  });

  test('the rule sees what it forbids', () => {
    for (const sample of [
      'jest.setTimeout(90_000);',
      '  }, 30_000);',
      'beforeAll(async () => { w = await startWorker(); }, 30_000);',
      "  it('x', async () => {}, 10000);",
    ])
      expect(OWN_TIMEOUT.test(sample)).toBe(true);
    for (const sample of ['await new Promise((r) => setTimeout(r, 50));', '  });', 'beforeAll(async () => { w = await startWorker(); });'])
      expect(OWN_TIMEOUT.test(sample)).toBe(false);
  });
});

/**
 * Pages are components (platform/page.tsx): the renderer escapes, so no view escapes by hand and no
 * route file carries HTML, CSS or JS in strings. The SVG charts (platform/chart.ts) are drawn as text
 * and escape their own labels: the one exception.
 */
const HAND_ESCAPE = /\bescapeHtml\s*\(/;
const MARKUP_IN_STRING = /[`'"]\s*<\/?(html|head|body|div|p|form|script|style|table|tr|td|h[1-6]|span|a|ul|li|input|select|button)\b/i;

export function pageFindings(root = ROOT): string[] {
  const findings: string[] = [];
  for (const path of files(join(root, 'worker', 'src'))) {
    const rel = relative(root, path).split('\\').join('/');
    const state = { inBlock: false };
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        const code = codeOf(line, state);
        if (HAND_ESCAPE.test(code) && rel !== 'worker/src/platform/chart.ts') findings.push(`${rel}:${i + 1}: escapes HTML by hand`);
        if (/\/routes\//.test(rel) && MARKUP_IN_STRING.test(code)) findings.push(`${rel}:${i + 1}: markup in a string in a route file`);
      });
  }
  return findings;
}

describe('pages on components', () => {
  test('no view escapes HTML by hand and no route file carries markup in strings', () => {
    expect(pageFindings()).toEqual([]);
  });

  test('the rule sees what it forbids', () => {
    expect(HAND_ESCAPE.test('`<b>${escapeHtml(name)}</b>`')).toBe(true);
    expect(MARKUP_IN_STRING.test('body: `<div class="card">`')).toBe(true);
    expect(MARKUP_IN_STRING.test('body: <SignInView />')).toBe(false);
  });
});
