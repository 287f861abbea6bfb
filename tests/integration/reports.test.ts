import { apiAs, count } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

/**
 * Every figure of the six reports against values computed by hand from a small fixed dataset,
 * written straight into the tables (the triggers keep the rollups), read through the API as the
 * admin, the heads and a manager — and the same figures recomputed the raw way.
 */
let w: TestWorker;
const A = world.users.managerA.id;
const B = world.users.managerB.id;
const C = world.users.managerC.id; // Asia/Vladivostok, UTC+10, region 2
const at = (iso: string) => Date.parse(iso);

beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  const s = (q: string, ...args: unknown[]) => w.db.prepare(q).bind(...args);
  let n = 0;
  const call = (userId: number, companyId: number | null, iso: string, direction: string, result: string, talk: number, targeted: number) =>
    s(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, targeted, created_at)
      VALUES ('call', 'generic', ?, ?, ?, ?, 1, ?, ?, ?, ?, 0)`,
      `call:rep-${++n}`,
      at(iso),
      companyId,
      userId,
      direction,
      talk,
      result,
      targeted,
    );
  await w.db.batch([
    // Calls. C's two calls are both on 20 November in UTC, but on the 20th and the 21st in Vladivostok.
    call(C, 104, '2026-11-20T13:30:00Z', 'out', 'answered', 45, 1),
    call(C, 104, '2026-11-20T14:30:00Z', 'in', 'missed', 0, 0),
    call(A, 101, '2026-11-20T09:00:00Z', 'out', 'answered', 120, 1),
    call(A, 101, '2026-11-20T10:00:00Z', 'in', 'answered', 20, 0),
    call(A, 101, '2026-11-21T08:00:00Z', 'in', 'missed', 0, 0),
    // Leads: two of A on 10 November, one of B at 22:30 UTC on the 11th — the 12th in Moscow.
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES
      (501, 101, 1, ?, 'new', 'call', ?, ?), (502, 101, 1, ?, 'new', 'mail', ?, ?), (503, 102, 1, ?, 'new', 'onec', ?, ?)`,
      A,
      at('2026-11-10T10:00:00Z'),
      at('2026-11-10T10:00:00Z'),
      A,
      at('2026-11-10T10:00:00Z'),
      at('2026-11-10T10:00:00Z'),
      B,
      at('2026-11-11T22:30:00Z'),
      at('2026-11-11T22:30:00Z'),
    ),
    // Stays in October: lead 511 new 30 min → qualified 120 min → proposal 1 day → invoice (now);
    // lead 512 new 90 min → qualified (now).
    s(
      `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES
      (511, 101, 1, ?, 'invoice', 'call', ?, ?), (512, 101, 1, ?, 'qualified', 'call', ?, ?)`,
      A,
      at('2026-10-05T08:00:00Z'),
      at('2026-10-06T10:30:00Z'),
      A,
      at('2026-10-07T08:00:00Z'),
      at('2026-10-07T09:30:00Z'),
    ),
    s(
      `INSERT INTO stage_changes (id, lead_id, from_stage_id, to_stage_id, at, cause) VALUES
      (5101, 511, NULL, 'new', ?, 'user'), (5102, 511, 'new', 'qualified', ?, 'user'), (5103, 511, 'qualified', 'proposal', ?, 'user'),
      (5104, 511, 'proposal', 'invoice', ?, 'user'), (5201, 512, NULL, 'new', ?, 'user'), (5202, 512, 'new', 'qualified', ?, 'user')`,
      at('2026-10-05T08:00:00Z'),
      at('2026-10-05T08:30:00Z'),
      at('2026-10-05T10:30:00Z'),
      at('2026-10-06T10:30:00Z'),
      at('2026-10-07T08:00:00Z'),
      at('2026-10-07T09:30:00Z'),
    ),
    // Clients created in September (one converted on the 20th); the world's four were created now.
    s(
      `INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at, converted_at) VALUES
      (601, 'ООО "Сентябрь"', 'сентябрь', 1, ?, 'client', ?, 0, ?), (602, 'ООО "Владивосток"', 'владивосток', 2, ?, 'prospect', ?, 0, NULL)`,
      A,
      at('2026-09-10T09:00:00Z'),
      at('2026-09-20T09:00:00Z'),
      C,
      at('2026-09-12T09:00:00Z'),
    ),
    // 1C: November invoices/payment/shipment of A and C; older payments of the silent clients 103 and 104.
    s(
      `INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, user_id, amount_kopecks, updated_at) VALUES
      ('r1', 'invoice', 'С-1', '2026-11-02T10:00:00', 0, 1, 0, 'v', 101, ?, 100000, 0),
      ('r2', 'payment_bank', 'П-1', '2026-11-03T10:00:00', 0, 1, 0, 'v', 101, ?, 60000, 0),
      ('r3', 'shipment', 'Р-1', '2026-11-04T10:00:00', 0, 1, 0, 'v', 101, ?, 60000, 0),
      ('r4', 'invoice', 'С-2', '2026-11-02T11:00:00', 0, 1, 0, 'v', 104, ?, 50000, 0),
      ('r5', 'payment_bank', 'П-2', '2026-06-15T10:00:00', 0, 1, 0, 'v', 103, NULL, 500000, 0),
      ('r6', 'payment_cash', 'П-3', '2026-03-15T10:00:00', 0, 1, 0, 'v', 104, ?, 100000, 0),
      ('r7', 'invoice', 'С-3', '2026-11-05T10:00:00', 0, 0, 0, 'v', 101, ?, 999999, 0)`,
      A,
      A,
      A,
      C,
      C,
      A,
    ),
  ]);
});
afterAll(() => w?.dispose());

const get = async (who: Parameters<typeof apiAs>[1], path: string) => {
  const res = await apiAs(w, who).get(path);
  expect(res.status).toBe(200);
  return res.body;
};
const pick = (rows: Record<string, unknown>[], keys: string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

describe('calls per manager per local day', () => {
  const keys = ['bucket', 'calls', 'inbound', 'outbound', 'missed', 'targeted', 'untargeted', 'talk_sec'];
  test('by day, each manager in his own time zone', async () => {
    const r = await get('admin', '/api/reports/calls?from=2026-11-20&to=2026-11-21&by=day');
    expect(pick(r.series, keys)).toEqual([
      { bucket: '2026-11-20', calls: 3, inbound: 1, outbound: 2, missed: 0, targeted: 2, untargeted: 1, talk_sec: 185 },
      { bucket: '2026-11-21', calls: 2, inbound: 2, outbound: 0, missed: 2, targeted: 0, untargeted: 2, talk_sec: 0 },
    ]);
    // Борис made no call: he is listed with zeros (a head looks for him first).
    expect(pick(r.rows, ['manager', 'calls', 'missed', 'targeted'])).toEqual([
      { manager: 'Анна Менеджер', calls: 3, missed: 1, targeted: 1 },
      { manager: 'Вера Менеджер', calls: 2, missed: 1, targeted: 1 },
      { manager: 'Борис Менеджер', calls: 0, missed: 0, targeted: 0 },
    ]);
    // The raw recomputation answers the same.
    const raw = await get('admin', '/api/reports/calls?from=2026-11-20&to=2026-11-21&by=day&source=raw');
    expect(raw.source).toBe('raw');
    expect(pick(raw.series, keys)).toEqual(pick(r.series, keys));
  });

  test("by week (Monday first), and each head sees only his regions' managers", async () => {
    const week = await get('admin', '/api/reports/calls?from=2026-11-20&to=2026-11-21&by=week');
    expect(pick(week.series, ['bucket', 'calls'])).toEqual([{ bucket: '2026-11-16', calls: 5 }]);
    expect(pick((await get('headOther', '/api/reports/calls?from=2026-11-20&to=2026-11-21')).series, ['bucket', 'calls'])).toEqual([
      { bucket: '2026-11-20', calls: 1 },
      { bucket: '2026-11-21', calls: 1 },
    ]);
    expect((await get('headA', '/api/reports/calls?from=2026-11-20&to=2026-11-21')).totals).toMatchObject({ calls: 3 });
    expect((await get('managerB', '/api/reports/calls?from=2026-11-20&to=2026-11-21')).totals).toMatchObject({ calls: 0 });
    expect((await apiAs(w, 'headOther').get(`/api/reports/calls?managerId=${A}`)).status).toBe(403);
    expect((await apiAs(w, 'headA').get('/api/reports/calls?source=raw')).status).toBe(403);
  });

  test('whole weeks come from the weekly rollups and the edge days from the daily ones, with the same figures as the raw rows', async () => {
    // Tuesday 10 November to Monday 30 November: weeks of the 16th and the 23rd whole, the rest edge days.
    for (const report of ['calls', 'leads', 'invoices', 'clients']) {
      const q = `/api/reports/${report}?from=2026-11-10&to=2026-11-30&by=week`;
      const rollup = await get('admin', q);
      const raw = await get('admin', `${q}&source=raw`);
      expect({ report, series: rollup.series, rows: rollup.rows }).toEqual({ report, series: raw.series, rows: raw.rows });
    }
    expect(pick((await get('admin', '/api/reports/calls?from=2026-11-10&to=2026-11-30&by=week')).series, ['bucket', 'calls'])).toEqual([
      { bucket: '2026-11-09', calls: 0 },
      { bucket: '2026-11-16', calls: 5 },
      { bucket: '2026-11-23', calls: 0 },
      { bucket: '2026-11-30', calls: 0 },
    ]);
  });

  test('a figure drills down to the calls behind it', async () => {
    const d = await get(
      'admin',
      `/api/reports/calls/drill?from=2026-11-20&to=2026-11-21&by=day&bucket=2026-11-21&measure=missed&managerId=${C}`,
    );
    expect(d.rows).toEqual([
      expect.objectContaining({ at: '2026-11-21', manager: 'Вера Менеджер', direction: 'входящий', result: 'пропущен' }),
    ]);
  });
});

test('new leads by source channel, by Moscow day', async () => {
  const r = await get('admin', '/api/reports/leads?from=2026-11-10&to=2026-11-12&by=day');
  expect(pick(r.series, ['bucket', 'leads', 'ch_call', 'ch_mail', 'ch_onec'])).toEqual([
    { bucket: '2026-11-10', leads: 2, ch_call: 1, ch_mail: 1, ch_onec: 0 },
    { bucket: '2026-11-11', leads: 0, ch_call: 0, ch_mail: 0, ch_onec: 0 },
    { bucket: '2026-11-12', leads: 1, ch_call: 0, ch_mail: 0, ch_onec: 1 },
  ]);
  expect((await get('managerA', '/api/reports/leads?from=2026-11-10&to=2026-11-12')).totals).toMatchObject({ leads: 2, ch_onec: 0 });
  const drill = await get('headA', '/api/reports/leads/drill?from=2026-11-10&to=2026-11-12&measure=ch_onec');
  expect(drill.rows.map((l: { leadId: number; channel: string }) => [l.leadId, l.channel])).toEqual([[503, '1С']]);
  // Named by client and what the client needs, not by id.
  expect(drill.columns.map((c: { key: string }) => c.key)).toEqual(['created', 'company', 'subject', 'channel', 'stage', 'owner']);
});

test('time in stage: median and p90 from the histogram, and the leads there now', async () => {
  const r = await get('admin', '/api/reports/stages?from=2026-10-01&to=2026-10-31');
  const byStage = Object.fromEntries(r.rows.map((row: Record<string, unknown>) => [row['stageId'], row]));
  // «new»: stays of 30 and 90 min. Median = rank 1 of 2 → bucket [30, 45): 30 + 15 × 0.5 = 37.5 → 38;
  // p90 = rank 2 → bucket [90, 120): 90 + 30 × 0.5 = 105.
  expect(byStage['new']).toMatchObject({ stays: 2, median_min: 38, p90_min: 105, open_now: 3 }); // leads 501–503 sit in «new»
  // «qualified»: one stay of 120 min → bucket [120, 180): 150. Lead 512 sits there now.
  expect(byStage['qualified']).toMatchObject({ stays: 1, median_min: 150, p90_min: 150, open_now: 1 });
  // «proposal»: one stay of a day → bucket [1440, 2160): 1800.
  expect(byStage['proposal']).toMatchObject({ stays: 1, median_min: 1800, open_now: 0 });
  expect(byStage['invoice']).toMatchObject({ stays: 0, median_min: null, open_now: 1 });
  const raw = await get('admin', '/api/reports/stages?from=2026-10-01&to=2026-10-31&source=raw');
  expect(pick(raw.rows, ['stageId', 'stays', 'median_min', 'p90_min'])).toEqual(
    pick(r.rows, ['stageId', 'stays', 'median_min', 'p90_min']),
  );
  expect((await get('headOther', '/api/reports/stages?from=2026-10-01&to=2026-10-31')).totals).toMatchObject({ stays: 0 });
});

test('new clients, first payments and the base growing', async () => {
  const r = await get('admin', '/api/reports/clients?from=2026-09-01&to=2026-09-30&by=month');
  // The world's four companies were created today; by the end of September the base was the two created then.
  expect(r.series).toEqual([{ bucket: '2026-09', created: 2, converted: 1, base: 2 }]);
  expect(r.totals).toMatchObject({ created: 2, converted: 1, base: 2, base_start: 0 });
  expect((await get('headOther', '/api/reports/clients?from=2026-09-01&to=2026-09-30&by=month')).series).toEqual([
    { bucket: '2026-09', created: 1, converted: 0, base: 1 },
  ]);
  const drill = await get('admin', '/api/reports/clients/drill?from=2026-09-01&to=2026-09-30&measure=converted');
  expect(drill.rows.map((c: { companyId: number; status: string }) => [c.companyId, c.status])).toEqual([[601, 'клиент']]);
});

test('clients without interaction for N days, ranked by the revenue at risk', async () => {
  // N such that the calls of 20–21 November are within it, whatever the clock says.
  const days = Math.ceil((TEST_NOW - at('2026-11-20T14:30:00Z')) / 86_400_000) + 1;
  const r = await get('admin', `/api/reports/dormant?days=${days}`);
  // Touched in November: 101 (A's calls) and 104 (C's). Silent: 102, 103, 601, 602; of them paid in 24 months: 103.
  expect(r.totals).toMatchObject({ days, silent: 4, dormant: 1, at_risk_kopecks: 500_000 });
  expect(r.rows.map((x: { companyId: number; revenue_24m: number }) => [x.companyId, x.revenue_24m])).toEqual([
    [103, 500_000],
    [102, 0],
    [601, 0],
    [602, 0],
  ]);
  // A day of silence: everyone (the last calls were on 20–21 November); 101 paid 600 ₽ in November too.
  expect((await get('admin', '/api/reports/dormant?days=1')).totals).toMatchObject({ silent: 6, dormant: 3, at_risk_kopecks: 660_000 });
  expect((await get('admin', `/api/reports/dormant?days=${days}&source=raw`)).totals).toEqual(r.totals);
  expect((await get('managerC', `/api/reports/dormant?days=${days}`)).totals).toMatchObject({ silent: 1, dormant: 0, at_risk_kopecks: 0 });
});

test('invoices issued, paid and shipped, with the conversion between them', async () => {
  const r = await get('admin', '/api/reports/invoices?from=2026-11-01&to=2026-11-30&by=month');
  // The unposted invoice С-3 does not count.
  expect(r.totals).toEqual({
    invoices: 2,
    invoiced_kopecks: 150_000,
    payments: 1,
    paid_kopecks: 60_000,
    shipments: 1,
    shipped_kopecks: 60_000,
    paid_share: 4000,
    shipped_share: 10_000,
  });
  expect((await get('headOther', '/api/reports/invoices?from=2026-11-01&to=2026-11-30')).totals).toMatchObject({
    invoices: 1,
    invoiced_kopecks: 50_000,
    paid_share: 0,
    shipped_share: null,
  });
  expect((await get('admin', '/api/reports/invoices?from=2026-11-01&to=2026-11-30&by=month&source=raw')).totals).toEqual(r.totals);
  const drill = await get('admin', '/api/reports/invoices/drill?from=2026-11-01&to=2026-11-30&measure=invoices');
  expect(drill.rows.map((d: { number: string }) => d.number).sort()).toEqual(['С-1', 'С-2']);
});

test('exports are CSV or XLSX of the same table, and audit-logged', async () => {
  const csv = await apiAs(w, 'headA').get('/api/reports/invoices/export?from=2026-11-01&to=2026-11-30&format=csv');
  expect(csv.status).toBe(200);
  const lines = String(csv.body)
    .replace(/^\uFEFF/, '')
    .split('\r\n')
    .filter(Boolean);
  expect(lines[0]).toBe(
    'Менеджер;Счета;Сумма счетов, ₽;Оплаты;Сумма оплат, ₽;Отгрузки;Сумма отгрузок, ₽;Оплачено от выставленного;Отгружено от оплаченного',
  );
  expect(lines.slice(1)).toEqual(['Анна Менеджер;1;1000,00;1;600,00;1;600,00;60,00;100,00']);
  const xlsx = await w.fetch('/api/reports/calls/export?format=xlsx', {
    headers: { cookie: await (await import('../helpers/world')).sessionCookie(w, 'admin') },
  });
  expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect([...new Uint8Array(await xlsx.arrayBuffer()).slice(0, 2)]).toEqual([0x50, 0x4b]); // a zip
  expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'export' AND entity = 'report'")).toBe(2);
});

describe('malformed periods and buckets are a 400 naming the field, never a 500', () => {
  const cookieOf = async () => (await import('../helpers/world')).sessionCookie(w, 'admin');
  const CASES: [string, string][] = [
    ['/api/reports/calls/drill?bucket=abcdefg', 'query.bucket'],
    ['/api/reports/calls/drill?by=week&bucket=x', 'query.bucket'],
    ['/api/reports/leads/drill?from=2026-11-01&to=2026-11-30&by=day&bucket=2026-13', 'query.bucket'],
    ['/api/reports/clients/drill?from=2026-11-01&to=2026-11-30&by=day&bucket=2026-02-30', 'query.bucket'],
    // The chart's week buckets are Mondays; 18 November 2026 is a Wednesday.
    ['/api/reports/calls/drill?from=2026-11-01&to=2026-11-30&by=week&bucket=2026-11-18', 'query.bucket'],
    ['/api/reports/invoices/drill?by=month&bucket=2026-1', 'query.bucket'],
    ['/api/reports/calls?from=2026-13-45', 'query.from'],
    ['/api/reports/calls?from=2026-11-01&to=2026-02-31', 'query.to'],
    ['/api/reports/calls/drill?to=2026-00-10', 'query.to'],
    ['/api/reports/calls/export?format=csv&from=2026-11-31', 'query.from'],
  ];
  test.each(CASES)('%s → 400 naming %s', async (path, field) => {
    const res = await apiAs(w, 'admin').get(path);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toContain(field);
  });

  test('the drill-down page answers a malformed bucket with 400 too', async () => {
    const res = await w.fetch('/app/reports/calls/drill?by=week&bucket=x', { headers: { cookie: await cookieOf() } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('bucket');
  });

  test('well-formed buckets of every granularity still drill down', async () => {
    const week = await get('admin', '/api/reports/calls/drill?from=2026-11-10&to=2026-11-30&by=week&bucket=2026-11-16');
    expect(week.titleRu).toBe('Звонки: 2026-11-16 — 2026-11-22');
    const month = await get('admin', '/api/reports/invoices/drill?from=2026-11-01&to=2026-11-30&by=month&bucket=2026-11&measure=invoices');
    expect(month.rows.map((d: { number: string }) => d.number).sort()).toEqual(['С-1', 'С-2']);
  });
});

// Last: its call touches client 102, which the dormant-clients figures above rank.
test("a manager's calls drill-down never names a client he does not see — not its name, id nor number", async () => {
  // A dials Борис's client (102) on a day no other test reads; he owns his call, not that client.
  await w.db
    .prepare(
      `INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, targeted, counterpart, created_at)
      VALUES ('call', 'generic', 'call:rep-scope', ?, 102, ?, 1, 'out', 40, 'answered', 1, '+74957010102', 0)`,
    )
    .bind(at('2026-10-05T09:00:00Z'), A)
    .run();
  const mine = await get('managerA', '/api/reports/calls/drill?from=2026-10-05&to=2026-10-05');
  expect(mine.rows).toEqual([expect.objectContaining({ manager: 'Анна Менеджер', company: null, companyId: null, counterpart: 'скрыт' })]);
  const head = await get('headA', '/api/reports/calls/drill?from=2026-10-05&to=2026-10-05');
  expect(head.rows).toEqual([expect.objectContaining({ company: 'ООО "Профлист Б"', companyId: 102, counterpart: '+74957010102' })]);
});
