import { pushOnec } from '../helpers/onec-push';
import { apiAs, count } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * A month's pay from the data, through the API: 1C shipments pushed through the hook, a plan set by
 * the head, targeted calls on the manager's own local days, the rule set by the admin. Every figure
 * below is computed by hand in the comments.
 */
let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const A = world.users.managerA.id;
const HEAD_A_NAME = 'Руководитель Москвы';
const KROVLYA_REF = '5e0a1c3e-8b3d-11ee-9c1a-00155d0a1f01';
const EMPTY = '00000000-0000-0000-0000-000000000000';

async function push(items: Record<string, unknown>[]) {
  expect((await pushOnec(w, items)).status).toBe(200);
}
const shipment = (ref: string, version: string, number: string, date: string, sum: number) => ({
  'odata.type': 'StandardODATA.Document_РеализацияТоваровУслуг',
  Ref_Key: ref,
  DataVersion: version,
  DeletionMark: false,
  Posted: true,
  Контрагент_Key: KROVLYA_REF,
  ДокументОснование: EMPTY,
  ДокументОснование_Type: 'StandardODATA.Undefined',
  Number: number,
  Date: date,
  СуммаДокумента: sum,
});
const ref = (n: number) => `bbbbbbbb-0000-0000-0000-${String(n).padStart(12, '0')}`;

const RULE = {
  validFrom: '2026-10',
  baseKopecks: 3_000_000,
  commissionBp: 150,
  basis: 'shipments',
  tiers: [
    { kind: 'fixed', fromCompletionBp: 8000, amountKopecks: 500_000 },
    { kind: 'fixed', fromCompletionBp: 10000, amountKopecks: 1_500_000 },
  ],
  kpis: [{ kind: 'targeted_calls_per_working_day', target: 1, amountKopecks: 200_000, mode: 'all_or_nothing' }],
};

/** Targeted calls of A at given UTC instants, written as the telephony pipeline writes them. */
async function targetedCalls(instants: number[]) {
  for (const [i, at] of instants.entries()) {
    await w.db
      .prepare(`INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, targeted, created_at)
      VALUES ('call', 'generic', ?, ?, 101, ?, 1, 'out', 60, 'answered', 1, ?)`)
      .bind(`call:pay-${at}-${i}`, at, A, at)
      .run();
  }
}

describe('the monthly salary statement', () => {
  beforeAll(async () => {
    await push([
      {
        'odata.type': 'StandardODATA.Catalog_Контрагенты',
        Ref_Key: KROVLYA_REF,
        DataVersion: 'c1',
        DeletionMark: false,
        Description: 'Кровля А',
        Наименование: 'Кровля А',
        НаименованиеПолное: 'ООО "Кровля А"',
        ИНН: '7707083893',
        КПП: '770101001',
      },
    ]);
    expect((await apiAs(w, 'admin').post('/api/pay/rules', { rule: RULE })).status).toBe(200);
    expect((await apiAs(w, 'headA').put(`/api/plans/${A}/2026-10`, { amountKopecks: 20_000_000 })).status).toBe(200);
    // October: 100 000,00 ₽ + 60 000,01 ₽ shipped; a November shipment belongs to November.
    await push([
      shipment(ref(1), 'v1', 'РТ-101', '2026-10-05T10:00:00', 100000),
      shipment(ref(2), 'v1', 'РТ-102', '2026-10-20T23:30:00', 60000.01),
      shipment(ref(3), 'v1', 'РТ-103', '2026-11-01T00:10:00', 5000),
    ]);
    // 22 working days in October 2026 (no holidays; 9 weekend days). 21 calls inside the month and one
    // at 00:30 MSK on 1 October — still 30 September in UTC: by the manager's local days that is exactly
    // 22 (the KPI is reached), by UTC days 21 (it would not be).
    const inside = Array.from({ length: 21 }, (_, i) => Date.UTC(2026, 9, 2 + i, 9, 0));
    await targetedCalls([...inside, Date.UTC(2026, 8, 30, 21, 30)]);
  });

  test('is computed from the data with every line explained, to the kopeck', async () => {
    const res = await apiAs(w, 'managerA').get(`/api/pay/statements/${A}/2026-10`);
    expect(res.status).toBe(200);
    const s = res.body;
    expect(s.state).toBe('draft');
    expect(s.frozen).toBe(false);
    // Basis 16 000 001 kop; completion 16 000 001 / 20 000 000 = 80.000005 % → 8000 bp (rounded down).
    expect(s.figures.basisKopecks).toBe(16_000_001);
    expect(s.figures.planKopecks).toBe(20_000_000);
    expect(s.figures.planCompletionBp).toBe(8000);
    // base 30 000 ₽; commission 1.5 % × 160 000,01 ₽ = 2 400,00015 ₽ → 2 400,00 ₽; tier 80 % → 5 000 ₽;
    // KPI 22 targeted calls ≥ 1 × 22 working days → 2 000 ₽. Total 39 400,00 ₽.
    expect(s.figures.lines.map((l: { code: string; amountKopecks: number }) => [l.code, l.amountKopecks])).toEqual([
      ['base', 3_000_000],
      ['commission', 240_000],
      ['plan_bonus', 500_000],
      ['kpi_targeted_calls', 200_000],
    ]);
    expect(s.figures.totalKopecks).toBe(3_940_000);
    const commission = s.figures.lines.find((l: { code: string }) => l.code === 'commission');
    expect(commission.explanation).toMatch(/РТ-101/);
    expect(commission.explanation).toMatch(/РТ-102/);
    expect(commission.explanation).not.toMatch(/РТ-103/);
    expect(s.actions).toEqual(['check', 'dispute']);
  });

  test('a document keeps the manager who was responsible when 1C first sent it', async () => {
    expect((await apiAs(w, 'headA').put(`/api/companies/${world.companies.ofA}/owner`, { ownerId: world.users.managerB.id })).status).toBe(
      200,
    );
    // A corrected version of October's first shipment still counts for A; a new one counts for B.
    await push([
      shipment(ref(1), 'v2', 'РТ-101', '2026-10-05T10:00:00', 100000),
      shipment(ref(4), 'v1', 'РТ-104', '2026-10-28T12:00:00', 1000),
    ]);
    const owners = await w.db
      .prepare('SELECT number, user_id FROM onec_documents WHERE ref_key IN (?, ?) ORDER BY number')
      .bind(ref(1), ref(4))
      .all();
    expect(owners.results).toEqual([
      { number: 'РТ-101', user_id: A },
      { number: 'РТ-104', user_id: world.users.managerB.id },
    ]);
    expect((await apiAs(w, 'managerA').get(`/api/pay/statements/${A}/2026-10`)).body.figures.basisKopecks).toBe(16_000_001);
    expect((await apiAs(w, 'headA').put(`/api/companies/${world.companies.ofA}/owner`, { ownerId: A })).status).toBe(200);
  });

  test('others see it only in their scope', async () => {
    expect((await apiAs(w, 'managerB').get(`/api/pay/statements/${A}/2026-10`)).status).toBe(404);
    expect((await apiAs(w, 'headOther').get(`/api/pay/statements/${A}/2026-10`)).status).toBe(404);
    const list = (await apiAs(w, 'headA').get('/api/pay/statements?month=2026-10')).body;
    expect(list.items.map((i: { userName: string }) => i.userName)).toEqual(['Анна Менеджер', 'Борис Менеджер']);
    expect(
      (await apiAs(w, 'managerA').get('/api/pay/statements?month=2026-10')).body.items.map((i: { userId: number }) => i.userId),
    ).toEqual([A]);
  });

  test('the workflow refuses wrong steps with the reason and records every right one', async () => {
    const act = (who: 'managerA' | 'headA' | 'admin', action: string, comment?: string) =>
      apiAs(w, who).post(`/api/pay/statements/${A}/2026-10/actions`, comment === undefined ? { action } : { action, comment });
    expect((await act('headA', 'approve')).status).toBe(409); // a draft is not approved: the manager checks it first
    expect((await act('managerA', 'approve')).status).toBe(403);
    expect((await act('managerA', 'dispute')).status).toBe(400); // a dispute says what is wrong
    expect((await act('managerA', 'dispute', 'Не учтена отгрузка РТ-104')).body.state).toBe('disputed');
    expect((await act('managerA', 'check')).status).toBe(409);
    const answered = await act('headA', 'answer', 'РТ-104 — клиент передан Борису, отгрузка его');
    expect(answered.body).toMatchObject({ state: 'draft', resolutionComment: 'РТ-104 — клиент передан Борису, отгрузка его' });
    expect((await act('managerA', 'check')).body.state).toBe('checked');
    const approved = await act('headA', 'approve');
    expect(approved.body).toMatchObject({ state: 'approved', frozen: true, approvedByName: HEAD_A_NAME });
    expect(approved.body.approvedAt).toBeGreaterThan(0);
    expect(approved.body.actions).toEqual([]);
    const log = await w.db
      .prepare(
        "SELECT json_extract(details, '$.action') AS action, json_extract(details, '$.to') AS state FROM audit_log WHERE entity = 'salary_statement' AND entity_id = ? ORDER BY id",
      )
      .bind(`${A}:2026-10`)
      .all();
    expect(log.results).toEqual([
      { action: 'dispute', state: 'disputed' },
      { action: 'answer', state: 'draft' },
      { action: 'check', state: 'checked' },
      { action: 'approve', state: 'approved' },
    ]);
  });

  test('an approved statement is frozen: later data does not change it, nor its plan', async () => {
    await push([shipment(ref(5), 'v1', 'РТ-105', '2026-10-30T12:00:00', 500000)]);
    const s = (await apiAs(w, 'managerA').get(`/api/pay/statements/${A}/2026-10`)).body;
    expect(s.figures.totalKopecks).toBe(3_940_000);
    expect(s.figures.basisKopecks).toBe(16_000_001);
    expect((await apiAs(w, 'headA').put(`/api/plans/${A}/2026-10`, { amountKopecks: 1 })).status).toBe(409);
    expect((await apiAs(w, 'headA').post(`/api/pay/statements/${A}/2026-10/actions`, { action: 'recompute' })).status).toBe(409);
    // The plan list still shows the live fact: 16 000 001 + 50 000 000 kopecks shipped.
    const plan = (await apiAs(w, 'headA').get('/api/plans?month=2026-10')).body.items.find((i: { userId: number }) => i.userId === A);
    expect(plan).toMatchObject({ planKopecks: 20_000_000, factKopecks: 66_000_001, completionBp: 33000 });
  });

  test('the head exports the approved month for 1C:ЗУП; it becomes «выгружен» and the export is audited', async () => {
    expect((await apiAs(w, 'managerA').post('/api/pay/export', { month: '2026-10' })).status).toBe(403);
    const res = await w.fetch('/api/pay/export', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: await sessionCookie(w, 'headA') },
      body: JSON.stringify({ month: '2026-10' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const csv = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true }).decode(bytes);
    expect(csv.slice(1).split('\r\n').filter(Boolean)).toEqual([
      'Табельный номер/email;ФИО;Месяц;Код начисления;Вид начисления;Сумма',
      'a@test.ru;Анна Менеджер;01.10.2026;base;Оклад;30000,00',
      'a@test.ru;Анна Менеджер;01.10.2026;commission;Комиссия с отгрузок;2400,00',
      'a@test.ru;Анна Менеджер;01.10.2026;plan_bonus;Премия за выполнение плана;5000,00',
      'a@test.ru;Анна Менеджер;01.10.2026;kpi_targeted_calls;KPI: целевые звонки;2000,00',
    ]);
    expect((await apiAs(w, 'managerA').get(`/api/pay/statements/${A}/2026-10`)).body.state).toBe('exported');
    expect(
      await count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'export' AND entity = 'payroll' AND entity_id = '2026-10'"),
    ).toBe(1);
    expect((await apiAs(w, 'headA').post('/api/pay/export', { month: '2026-09' })).status).toBe(409);
  });
});

describe('plans', () => {
  test('a file of plans: good rows saved together, bad rows named with the reason', async () => {
    const res = await apiAs(w, 'headA').post('/api/plans/import', {
      rows: [
        { email: 'A@test.ru', month: '12.2026', amount: '1 500 000,50' },
        { email: 'b@test.ru', month: '2026-12', amount: 2000000, metric: 'оплаты' },
        { email: 'c@test.ru', month: '2026-12', amount: '100' },
        { email: 'a@test.ru', month: '2026-13', amount: '100' },
        { email: 'a@test.ru', month: '2027-01', amount: 'сто тысяч' },
        { email: 'a@test.ru', month: '2026-12', amount: '1' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.saved).toBe(2);
    expect(res.body.rows.map((r: { ok: boolean; error: string | null }) => r.error)).toEqual([
      null,
      null,
      'нет менеджера c@test.ru среди ваших',
      'месяц «2026-13» — ожидается ГГГГ-ММ или ММ.ГГГГ',
      'сумма «сто тысяч» — ожидается число рублей, например 1 500 000,00',
      'a@test.ru за 2026-12 уже есть выше в файле',
    ]);
    const plans = await w.db.prepare("SELECT user_id, metric, amount_kopecks FROM plans WHERE month = '2026-12' ORDER BY user_id").all();
    expect(plans.results).toEqual([
      { user_id: A, metric: 'shipments', amount_kopecks: 150_000_050 },
      { user_id: world.users.managerB.id, metric: 'payments', amount_kopecks: 200_000_000 },
    ]);
  });
});
