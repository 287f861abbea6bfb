import { at } from '../helpers/clock';
import { cyrillicWords, interfaceText } from '../helpers/interface-text';
import { kpiRuleRow } from '../helpers/pay-rule';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * Issue 17, «all strings in one catalogue»: the reports and pay pages render fully in the page's
 * language (the signed-in user's setting, users.lang). In English nothing Cyrillic is left inside `<main>` but the
 * data — names of people, clients, stages, the statement's frozen explanations — which the pages mark
 * `translate="no"`; in Russian the same pages read as before. Friday 20 November 2026, 15:00 Moscow.
 */
let w: TestWorker;
const A = world.users.managerA.id;
const NOW = at('2026-11-20T15:00:00+03:00');
const WEEK = 'from=2026-11-16&to=2026-11-22';

beforeAll(async () => {
  w = await startWorker({ now: NOW });
  await seedWorld(w);
  const s = (q: string, ...args: unknown[]) => w.db.prepare(q).bind(...args);
  await w.db.batch([
    kpiRuleRow(w),
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, targeted, created_at)
      VALUES ('call', 'generic', 'call:lang-1', ?, 101, ?, 1, 'out', 1288, 'answered', 1, 0),
             ('call', 'generic', 'call:lang-2', ?, 101, ?, 1, 'in', 0, 'missed', 0, 0)`,
      at('2026-11-17T10:00:00+03:00'),
      A,
      at('2026-11-18T10:00:00+03:00'),
      A,
    ),
    // An open lead three days in «new» (a 1-hour deadline): the stuck leads' drill-down has a row.
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, created_at, stage_entered_at)
      VALUES (901, 101, 1, ?, 'new', 50000000, 'call', ?, ?)`,
      A,
      NOW - 3 * 86_400_000,
      NOW - 3 * 86_400_000,
    ),
    s(
      `INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, user_id, amount_kopecks, updated_at)
      VALUES ('lang-1', 'shipment', 'РТ-7', '2026-11-10T11:00:00', ?, 1, 0, 'v1', 101, ?, 12000000, 0)`,
      at('2026-11-10T11:00:00+03:00'),
      A,
    ),
  ]);
});
afterAll(() => w?.dispose());

const PAGES = [
  { name: 'the reports list', who: 'headA', path: '/app/reports' },
  { name: 'the calls report (with the norm)', who: 'headA', path: `/app/reports/calls?${WEEK}` },
  { name: 'time in stage', who: 'headA', path: '/app/reports/stages?from=2026-11-01&to=2026-11-30' },
  { name: 'the stuck leads drill-down', who: 'headA', path: '/app/reports/stages/drill?from=2026-11-01&to=2026-11-30&measure=new' },
  { name: 'the calls drill-down', who: 'headA', path: `/app/reports/calls/drill?${WEEK}&measure=calls` },
  { name: 'the new leads drill-down', who: 'headA', path: '/app/reports/leads/drill?from=2026-11-01&to=2026-11-30' },
  { name: 'the new clients drill-down', who: 'admin', path: '/app/reports/clients/drill?from=2024-01-01&to=2026-11-30' },
  { name: 'the invoices drill-down', who: 'admin', path: '/app/reports/invoices/drill?from=2026-11-01&to=2026-11-30&measure=shipments' },
  { name: 'the dormant clients', who: 'headA', path: '/app/reports/dormant' },
  { name: 'the leads report', who: 'headA', path: '/app/reports/leads?from=2026-11-01&to=2026-11-30' },
  { name: 'the clients report', who: 'headA', path: '/app/reports/clients?from=2026-11-01&to=2026-11-30' },
  { name: 'the invoices report', who: 'headA', path: '/app/reports/invoices?from=2026-11-01&to=2026-11-30' },
  { name: 'a refused filter', who: 'headA', path: '/app/reports/calls?from=2026-02-30&to=2026-03-05' },
  { name: 'the head’s pay page', who: 'headA', path: '/app/pay?month=2026-11' },
  { name: 'a statement', who: 'headA', path: `/app/pay/${A}/2026-11` },
  { name: 'the admin’s pay page with the rule form', who: 'admin', path: '/app/pay?month=2026-11' },
  { name: 'the plans', who: 'headA', path: '/app/plans?month=2026-11' },
] as const;

/** A page as `who` sees it with his language setting (users.lang, what a signed-in page follows) set to `lang`. */
async function page(who: (typeof PAGES)[number]['who'], path: string, lang?: 'ru' | 'en') {
  await w.db
    .prepare('UPDATE users SET lang = ? WHERE id = ?')
    .bind(lang ?? 'ru', world.users[who].id)
    .run();
  const cookie = [await sessionCookie(w, who), ...(lang ? [`voronka_lang=${lang}`] : [])].join('; ');
  const res = await w.fetch(path, { headers: { cookie } });
  return { status: res.status, html: await res.text() };
}

/** The `<main>` element of a page, its opening tag and its inner HTML. */
function mainOf(html: string): { open: string; inner: string } {
  const m = /(<main\b[^>]*>)([\s\S]*)<\/main>/.exec(html);
  if (!m) throw new Error('no <main> on the page');
  return { open: m[1]!, inner: m[2]! };
}

describe('in English', () => {
  test.each(PAGES)(
    '$name: no Cyrillic inside <main> outside data cells, in its text or the attributes read aloud',
    async ({ who, path }) => {
      const { status, html } = await page(who, path, 'en');
      expect([200, 403]).toContain(status);
      expect(html).toMatch(/<html lang="en"/);
      const main = mainOf(html);
      // The body is in the page's language, not a Russian island in an English shell.
      expect(main.open).not.toMatch(/\blang=/);
      // Names are data even inside an interface sentence (a chart's summary, an aria-label).
      const names = (
        await w.db.prepare('SELECT name FROM users UNION SELECT name FROM companies UNION SELECT name FROM regions').all<{ name: string }>()
      ).results.map((u) => u.name);
      expect(cyrillicWords(interfaceText(html, names))).toEqual([]);
    },
  );

  test('the words are the catalogue’s English, figures in the one format', async () => {
    const calls = mainOf((await page('headA', `/app/reports/calls?${WEEK}`, 'en')).html).inner;
    expect(calls).toContain('<h1>Managers’ calls</h1>');
    expect(calls).toContain('Talk time');
    expect(calls).toContain('>21 min<');
    expect(calls).toContain('>this week<');
    expect(calls).toContain('>Download XLSX<');
    expect(calls).toContain('lang=en');
    expect(calls).toContain('The targeted norm comes from the pay rule: 2 a working day × 5 working days');
    // The manager's name is data: as stored, marked.
    expect(calls).toMatch(/translate="no"[^>]*>(<a [^>]*>)?Анна Менеджер/);
    const drill = mainOf((await page('headA', '/app/reports/stages/drill?from=2026-11-01&to=2026-11-30&measure=new', 'en')).html).inner;
    expect(drill).toContain('<h1>Overdue leads: 01.11.2026\u00a0— 30.11.2026</h1>');
    const bad = mainOf((await page('headA', '/app/reports/calls?companyId=abc', 'en')).html).inner;
    expect(bad).toContain('Check the field “Client (number)”.');
    const pay = mainOf((await page('headA', '/app/pay?month=2026-11', 'en')).html).inner;
    expect(pay).toContain('<h1>Pay for November\u00a02026</h1>');
    expect(pay).toContain('Pay rule (in force from: January\u00a02026)');
    const statement = mainOf((await page('headA', `/app/pay/${A}/2026-11`, 'en')).html).inner;
    expect(statement).toContain('>Base salary<');
    expect(statement).toContain('>draft<');
  });

  test('the page scripts get their strings in English through the JSON island', async () => {
    const { html } = await page('admin', '/app/pay?month=2026-11', 'en');
    const island = (id: string) =>
      JSON.parse(new RegExp(`<script type="application/json" id="${id}"[^>]*>([^<]*)</script>`).exec(html)![1]!);
    expect(island('pay-text')['pay.approveChecked']).toBe('Approve the checked ({n})');
    expect(island('pay-rule-text')['pay.rule.err.month']).toBe('Choose the month the rule is in force from');
  });

  test('the export asked from an English page has English titles; without `lang` they stay Russian', async () => {
    const cookie = await sessionCookie(w, 'headA');
    const csv = async (q: string) =>
      (await (await w.fetch(`/api/reports/calls/export?${WEEK}&format=csv${q}`, { headers: { cookie } })).text()).split('\r\n')[0];
    expect(await csv('&lang=en')).toBe('Manager;Calls;Inbound;Outbound;Missed;Targeted;Targeted norm;Talk time, sec;Not targeted');
    expect(await csv('')).toBe('Менеджер;Звонки;Входящие;Исходящие;Пропущенные;Целевые;Норма целевых;Время разговоров, сек;Нецелевые');
  });
});

describe('in Russian (the default, and by the cookie)', () => {
  test.each(PAGES)('$name: a Russian page, no language island', async ({ who, path }) => {
    for (const lang of [undefined, 'ru'] as const) {
      const { html } = await page(who, path, lang);
      expect(html).toMatch(/<html lang="ru"/);
      expect(mainOf(html).open).not.toMatch(/\blang=/);
    }
  });

  test('the words read as before', async () => {
    const calls = mainOf((await page('headA', `/app/reports/calls?${WEEK}`)).html).inner;
    expect(calls).toContain('<h1>Звонки менеджеров</h1>');
    expect(calls).toContain('>21 мин<');
    expect(calls).toContain('>эта неделя<');
    expect(calls).toContain('>Скачать XLSX<');
    expect(calls).not.toContain('lang=');
    expect(calls).toContain('Норма целевых — из правила оплаты: 2 в рабочий день × 5 раб. дн. периода по сегодня; ниже нормы — выделено.');
    const bad = mainOf((await page('headA', '/app/reports/calls?companyId=abc')).html).inner;
    expect(bad).toContain('Проверьте поле «Клиент (номер)».');
    const pay = mainOf((await page('headA', '/app/pay?month=2026-11')).html).inner;
    expect(pay).toContain('<h1>Зарплата за ноябрь\u00a02026</h1>');
    expect(pay).toContain('Правило оплаты (действует с месяца: январь\u00a02026)');
    const statement = mainOf((await page('headA', `/app/pay/${A}/2026-11`)).html).inner;
    expect(statement).toContain('>Оклад<');
    expect(statement).toContain('>черновик<');
  });
});
