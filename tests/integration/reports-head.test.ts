import { apiAs, count } from '../helpers/api';
import { at } from '../helpers/clock';
import { kpiRuleRow } from '../helpers/pay-rule';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * Issue 17, the head's questions: the report form's empty fields mean "all" (API, page and export),
 * a wrong filter reads as a message on the page, the pay rule's norm of targeted calls is marked per
 * manager, the week view has a series per manager, stuck leads are only those past their stage's
 * deadline (with amount and days in stage), and a head approves many statements in one step.
 * The suite runs on Friday 20 November 2026, 15:00 Moscow; hand-computed figures below.
 */
let w: TestWorker;
const A = world.users.managerA.id;
const B = world.users.managerB.id;
const C = world.users.managerC.id;
const NOW = at('2026-11-20T15:00:00+03:00');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

beforeAll(async () => {
  w = await startWorker({ now: NOW });
  await seedWorld(w);
  const s = (q: string, ...args: unknown[]) => w.db.prepare(q).bind(...args);
  let n = 0;
  const call = (userId: number, companyId: number, iso: string, targeted: number) =>
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, targeted, created_at)
      VALUES ('call', 'generic', ?, ?, ?, ?, 1, 'out', ?, 'answered', ?, 0)`,
      `call:head-${++n}`,
      at(iso),
      companyId,
      userId,
      targeted ? 95 : 10,
      targeted,
    );
  // Week of Monday 16 November: A 2 targeted calls each working day (16–20: 5 days → exactly the norm 10),
  // B one targeted and one short call, C (the other region) nothing.
  const days = ['16', '17', '18', '19', '20'];
  await w.db.batch([
    kpiRuleRow(w),
    ...days.flatMap((d) => [call(A, 101, `2026-11-${d}T09:00:00+03:00`, 1), call(A, 101, `2026-11-${d}T11:00:00+03:00`, 1)]),
    call(B, 102, '2026-11-17T10:00:00+03:00', 1),
    call(B, 102, '2026-11-18T10:00:00+03:00', 0),
    // Open leads of region 1: «new» has a 1-hour deadline, «qualified» 72 hours (migration 0001).
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, created_at, stage_entered_at) VALUES
      (801, 101, 1, ?, 'new', 100000, 'call', ?, ?), (802, 102, 1, ?, 'new', 50000000, 'mail', ?, ?),
      (803, 101, 1, ?, 'qualified', 700000, 'call', ?, ?), (804, 103, 1, NULL, 'qualified', 100000, 'manual', ?, ?),
      (805, 104, 2, ?, 'new', 900000, 'call', ?, ?)`,
      A,
      NOW - 30 * 60_000,
      NOW - 30 * 60_000,
      B,
      NOW - 3 * DAY - HOUR,
      NOW - 3 * DAY - HOUR,
      A,
      NOW - 2 * DAY,
      NOW - 2 * DAY,
      NOW - 10 * DAY,
      NOW - 10 * DAY,
      C,
      NOW - 5 * DAY,
      NOW - 5 * DAY,
    ),
    // What the client of 802 needs, as its manager wrote it on the card (804 has none).
    s(`UPDATE leads SET subject = 'Профнастил С8 на забор, 300 м²' WHERE id = 802`),
  ]);
});
afterAll(() => w?.dispose());

const get = async (who: Parameters<typeof apiAs>[1], path: string) => {
  const res = await apiAs(w, who).get(path);
  expect(res.status).toBe(200);
  return res.body;
};
const page = async (who: Parameters<typeof apiAs>[1], path: string) => {
  const res = await w.fetch(path, { headers: { cookie: await sessionCookie(w, who) } });
  return { status: res.status, type: res.headers.get('content-type') ?? '', html: await res.text() };
};
const WEEK = 'from=2026-11-16&to=2026-11-22';
const EMPTY = 'by=&managerId=&regionId=&companyId=&days=';

describe('the filter form: empty means "all"', () => {
  test('the API, the page and the export take the empty «все» selects and the empty client box', async () => {
    const withEmpty = await get('headA', `/api/reports/calls?${WEEK}&${EMPTY}`);
    const without = await get('headA', `/api/reports/calls?${WEEK}`);
    expect(withEmpty.totals).toEqual(without.totals);
    expect(withEmpty.totals).toMatchObject({ calls: 12, targeted: 11 });

    const html = await page('headA', `/app/reports/calls?${WEEK}&${EMPTY}`);
    expect(html.status).toBe(200);
    expect(html.html).toContain('data-testid="report-table"');

    const xlsx = await w.fetch(`/api/reports/calls/export?${WEEK}&${EMPTY}&format=xlsx`, {
      headers: { cookie: await sessionCookie(w, 'headA') },
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
  });

  test('a wrong filter is a Russian message above the form on the page, not a JSON 400', async () => {
    const badDay = await page('headA', '/app/reports/calls?from=2026-02-30&to=2026-03-05');
    expect(badDay.type).toContain('text/html');
    expect(badDay.html).toContain('role="alert"');
    expect(badDay.html).toContain('Такого дня нет в календаре: «2026-02-30»');
    expect(badDay.html).toContain('<form class="filters"');

    const badNumber = await page('headA', '/app/reports/calls?companyId=abc');
    expect(badNumber.html).toContain('Проверьте поле «Клиент (номер)».');

    const otherRegion = await page('headA', `/app/reports/calls?regionId=${world.regions.vvo}`);
    expect(otherRegion.status).toBe(403);
    expect(otherRegion.html).toContain('Это не ваш регион');
  });

  test("the page offers the period presets of the request's day (Friday 20 November, Moscow)", async () => {
    const { html } = await page('headA', `/app/reports/calls?${WEEK}&managerId=${A}`);
    const presets = [...html.matchAll(/href="([^"]+)" data-preset="([a-z-]+)"/g)].map((m) => [m[2], m[1]!.replace(/&amp;/g, '&')]);
    expect(presets).toEqual([
      ['today', `/app/reports/calls?managerId=${A}&from=2026-11-20&to=2026-11-20`],
      ['week', `/app/reports/calls?managerId=${A}&from=2026-11-16&to=2026-11-22`],
      ['last-week', `/app/reports/calls?managerId=${A}&from=2026-11-09&to=2026-11-15`],
      ['month', `/app/reports/calls?managerId=${A}&from=2026-11-01&to=2026-11-30`],
      ['last-month', `/app/reports/calls?managerId=${A}&from=2026-10-01&to=2026-10-31`],
      ['quarter', `/app/reports/calls?managerId=${A}&from=2026-10-01&to=2026-12-31`],
      ['year', `/app/reports/calls?managerId=${A}&from=2026-01-01&to=2026-12-31`],
    ]);
    // The current period is marked.
    expect(html).toMatch(/data-preset="week" aria-current="true"/);
  });
});

describe('calls against the norm of the pay rule', () => {
  test('this week: the norm counts the working days up to today (16–20 November: 5 × 2 = 10); B is below it, A is not', async () => {
    const r = await get('headA', `/api/reports/calls?${WEEK}`);
    expect(r.tableColumns.map((c: { key: string }) => c.key)).toEqual([
      'manager',
      'calls',
      'inbound',
      'outbound',
      'missed',
      'targeted',
      'targeted_norm',
      'talk_sec',
      'untargeted',
    ]);
    const rows = Object.fromEntries(r.rows.map((row: Record<string, unknown>) => [row['userId'], row]));
    expect(rows[A]).toMatchObject({ targeted: 10, targeted_norm: 10 });
    expect(rows[A]).not.toHaveProperty('below_norm');
    expect(rows[B]).toMatchObject({ targeted: 1, targeted_norm: 10, below_norm: 'targeted' });
    expect(rows[C]).toBeUndefined();
    expect(r.totals['targeted_norm']).toBe(20);
  });

  test('a manager without a single call is listed with zeros, below the norm (the admin sees C)', async () => {
    const r = await get('admin', `/api/reports/calls?${WEEK}`);
    expect(r.rows.find((row: Record<string, unknown>) => row['userId'] === C)).toMatchObject({
      manager: 'Вера Менеджер',
      calls: 0,
      targeted: 0,
      targeted_norm: 10,
      below_norm: 'targeted',
    });
  });

  test('the chart names its days, weeks and months in the one date format, not by ISO keys', async () => {
    const days = (await page('headA', `/app/reports/calls?${WEEK}`)).html;
    expect([...days.matchAll(/data-label="\d+">([^<]*)</g)].map((m) => m[1])).toEqual([
      '16.11.2026',
      '17.11.2026',
      '18.11.2026',
      '19.11.2026',
      '20.11.2026',
      '21.11.2026',
      '22.11.2026',
    ]);
    expect(days).not.toMatch(/data-category="2026-/);
    const months = (await page('headA', '/app/reports/invoices?from=2026-09-01&to=2026-11-30&by=month')).html;
    expect([...months.matchAll(/data-label="\d+">([^<]*)</g)].map((m) => m[1])).toEqual([
      'сентябрь\u00a02026',
      'октябрь\u00a02026',
      'ноябрь\u00a02026',
    ]);
    const weeks = (await page('headA', '/app/reports/leads?from=2026-11-16&to=2026-11-29&by=week')).html;
    expect([...weeks.matchAll(/data-label="\d+">([^<]*)</g)].map((m) => m[1])).toEqual(['с 16.11.2026', 'с 23.11.2026']);
  });

  test('the page highlights the cell below the norm', async () => {
    const { html } = await page('headA', `/app/reports/calls?${WEEK}`);
    const below = [...html.matchAll(/<td data-label="Целевые" class="n below" data-v="(\d+)"/g)].map((m) => m[1]);
    expect(below).toEqual(['1']);
  });
});

test('by week the chart has one series per manager', async () => {
  const r = await get('headA', '/api/reports/calls?from=2026-11-16&to=2026-11-29&by=week');
  expect(r.managerSeries).toEqual({
    measure: 'calls',
    managers: [
      { userId: A, name: 'Анна Менеджер', values: [10, 0] },
      { userId: B, name: 'Борис Менеджер', values: [2, 0] },
    ],
  });
  const raw = await get('admin', `/api/reports/calls?from=2026-11-16&to=2026-11-29&by=week&regionId=${world.regions.msk}&source=raw`);
  expect(raw.managerSeries).toEqual(r.managerSeries);
  const { html } = await page('headA', '/app/reports/calls?from=2026-11-16&to=2026-11-29&by=week');
  expect(html).toContain('data-chart="line"');
  expect(html).toContain('data-series="Борис Менеджер"');
});

describe('stuck leads: only those past the stage deadline', () => {
  test('the stages table counts them and their amount per stage', async () => {
    const r = await get('headA', '/api/reports/stages?from=2026-11-01&to=2026-11-30');
    const byStage = Object.fromEntries(r.rows.map((row: Record<string, unknown>) => [row['stageId'], row]));
    // new: 801 sits 30 min (deadline 1 h), 802 3 days → stuck. qualified: 803 2 days (72 h), 804 10 days → stuck.
    expect(byStage['new']).toMatchObject({ open_now: 2, stuck: 1, stuck_kopecks: 50_000_000, sla_hours: 1 });
    expect(byStage['qualified']).toMatchObject({ open_now: 2, stuck: 1, stuck_kopecks: 100_000, sla_hours: 72 });
    expect(r.totals).toMatchObject({ stuck: 2, stuck_kopecks: 50_100_000 });
  });

  test('the drill-down lists them oldest first with amount and whole days in stage; the other region is not there', async () => {
    const drill = await get('headA', '/api/reports/stages/drill?from=2026-11-01&to=2026-11-30');
    expect(drill.columns.map((c: { key: string }) => c.key)).toEqual([
      'company',
      'subject',
      'stage',
      'amount_kopecks',
      'days_in_stage',
      'since',
      'owner',
    ]);
    // A lead is named by client and what the client needs (a lead without a subject shows «—» on the page).
    expect(
      drill.rows.map((r: Record<string, unknown>) => [r['leadId'], r['company'], r['subject'], r['amount_kopecks'], r['days_in_stage']]),
    ).toEqual([
      [804, 'ООО "Пул Москва"', null, 100_000, 10],
      [802, 'ООО "Профлист Б"', 'Профнастил С8 на забор, 300 м²', 50_000_000, 3],
    ]);
    const { html } = await page('headA', '/app/reports/stages/drill?from=2026-11-01&to=2026-11-30');
    expect([...html.matchAll(/<td data-label="Что нужно клиенту"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([
      '—',
      'Профнастил С8 на забор, 300 м²',
    ]);
    const one = await get('headA', '/api/reports/stages/drill?from=2026-11-01&to=2026-11-30&measure=new');
    expect(one.rows.map((r: Record<string, unknown>) => r['leadId'])).toEqual([802]);
  });
});

describe('a head approves the checked statements of his region in one step', () => {
  const M = '2026-10';
  const state = async (userId: number) =>
    (await w.db.prepare('SELECT state FROM salary_statements WHERE user_id = ? AND month = ?').bind(userId, M).first<{ state: string }>())
      ?.state ?? 'draft';
  const audits = () => count(w, "SELECT count(*) AS n FROM audit_log WHERE entity = 'salary_statement' AND entity_id LIKE ?", `%:${M}`);

  beforeAll(async () => {
    await w.db
      .prepare("INSERT INTO salary_statements (user_id, month, state, updated_at) VALUES (?, ?, 'checked', 0), (?, ?, 'checked', 0)")
      .bind(A, M, C, M)
      .run();
  });

  test('a manager of another region in the list: nothing is written (404), as for one statement', async () => {
    const res = await apiAs(w, 'headA').post('/api/pay/statements/approve', { month: M, userIds: [A, C] });
    expect(res.status).toBe(404);
    expect([await state(A), await state(C), await audits()]).toEqual(['checked', 'checked', 0]);
  });

  test('a manager cannot approve', async () => {
    expect((await apiAs(w, 'managerA').post('/api/pay/statements/approve', { month: M, userIds: [A] })).status).toBe(403);
  });

  test('checked ones are approved and frozen, each audited; a draft is named and left; a repeat changes nothing', async () => {
    const first = await apiAs(w, 'headA').post('/api/pay/statements/approve', { month: M, userIds: [A, B] });
    expect(first.status).toBe(200);
    // The rule: base 40 000,00 ₽; no documents, no plan, no targeted calls in October → 40 000,00 ₽.
    expect(first.body).toEqual({
      month: M,
      approved: [A],
      already: [],
      refused: [{ userId: B, userName: 'Борис Менеджер', reason: expect.stringContaining('«черновик»') }],
      totalKopecks: 4_000_000,
    });
    const row = await w.db
      .prepare('SELECT state, total_kopecks, approved_by FROM salary_statements WHERE user_id = ? AND month = ?')
      .bind(A, M)
      .first();
    expect(row).toEqual({ state: 'approved', total_kopecks: 4_000_000, approved_by: world.users.headA.id });
    expect([await state(B), await audits()]).toEqual(['draft', 1]);

    const again = await apiAs(w, 'headA').post('/api/pay/statements/approve', { month: M, userIds: [A] });
    expect(again.body).toMatchObject({ approved: [], already: [A], refused: [], totalKopecks: 0 });
    expect(await audits()).toBe(1);
  });

  test('the other head approves his own region the same way', async () => {
    const res = await apiAs(w, 'headOther').post('/api/pay/statements/approve', { month: M, userIds: [C] });
    expect(res.body).toMatchObject({ approved: [C] });
    expect(await state(C)).toBe('approved');
  });
});
