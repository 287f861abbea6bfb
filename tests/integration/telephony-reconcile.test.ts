/**
 * A call's funnel effects follow its final state, and a missed call nobody took still has an
 * owner: the missed-call queue of the region, the first taker owns it, the head sees what waited
 * an hour, a later call with the number closes it.
 */
import { apiAs, count } from '../helpers/api';
import { TEST_NOW_S } from '../helpers/clock';
import { genericRequest, zadarmaRequest } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const generic = async (event: Record<string, unknown>, id: string) => {
  const res = await w.fetch('/hooks/telephony/generic', genericRequest(event, { id }));
  expect({ id, status: res.status }).toEqual({ id, status: 200 });
};

const companyOf = async (phone: string) =>
  (await w.db
    .prepare("SELECT company_id FROM contact_points WHERE kind = 'phone' AND value = ?")
    .bind(phone)
    .first<{ company_id: number }>())!.company_id;

describe('effects follow the final state', () => {
  test('a call first ended as missed and then reported answered: its call-back is cancelled with the cause, the lead qualifies, nothing twice', async () => {
    const at = TEST_NOW_S - 7200;
    const base = { call_id: 'rec-1', direction: 'in', from: '+74953330001', to: '+74957700000', extension: '101' };
    await generic({ ...base, type: 'call.ringing', timestamp: at }, 'rec-1-ring');
    await generic({ ...base, type: 'call.ended', timestamp: at + 20, result: 'missed', duration: 0 }, 'rec-1-end');
    const company = await companyOf('+74953330001');
    const open = await w.db.prepare('SELECT id, user_id, region_id, done_at FROM tasks WHERE company_id = ?').bind(company).all();
    expect(open.results).toEqual([{ id: expect.any(Number), user_id: null, region_id: world.regions.msk, done_at: null }]);

    // The PBX's own correction: the call was answered after all, 87 seconds of talk (delivered twice).
    for (const id of ['rec-1-fix', 'rec-1-fix']) {
      await generic({ ...base, type: 'call.ended', timestamp: at + 100, result: 'answered', duration: 87 }, id);
    }
    const tasks = await w.db
      .prepare('SELECT done_at, cancelled_at, cancel_reason FROM tasks WHERE company_id = ?')
      .bind(company)
      .all<{ done_at: number; cancelled_at: number; cancel_reason: string }>();
    expect(tasks.results).toEqual([
      { done_at: expect.any(Number), cancelled_at: expect.any(Number), cancel_reason: 'Итог звонка уточнён: пропущен → отвечен, 87 с' },
    ]);
    const event = await w.db
      .prepare(
        "SELECT call_result, duration_sec, user_id, json_extract(details, '$.rules') AS rules FROM events WHERE external_id = 'call:rec-1'",
      )
      .first();
    expect(event).toEqual({
      call_result: 'answered',
      duration_sec: 87,
      user_id: world.users.managerA.id,
      rules: '["call_qualifies","call_closes_callback"]',
    });
    const lead = await w.db.prepare('SELECT stage_id FROM leads WHERE company_id = ?').bind(company).all<{ stage_id: string }>();
    expect(lead.results).toEqual([{ stage_id: 'qualified' }]);
    expect(
      await count(
        w,
        "SELECT count(*) AS n FROM stage_changes WHERE to_stage_id = 'qualified' AND lead_id IN (SELECT id FROM leads WHERE company_id = ?)",
        company,
      ),
    ).toBe(1);
  });

  test('Zadarma: NOTIFY_END before NOTIFY_START, a late NOTIFY_RECORD — one call at call_start, answered, no task, the recording on the event', async () => {
    const pbx = 'in_reconcile_z1';
    const start = { call_start: '2026-12-05 08:00:00', pbx_call_id: pbx, caller_id: '+74953330002', called_did: '74957700000' };
    const send = async (fields: Record<string, string>) => {
      const res = await w.fetch('/hooks/telephony/zadarma', zadarmaRequest(fields));
      expect({ event: fields['event'], status: res.status }).toEqual({ event: fields['event'], status: 200 });
    };
    await send({
      event: 'NOTIFY_END',
      ...start,
      internal: '102',
      duration: '45',
      disposition: 'answered',
      status_code: '16',
      is_recorded: '1',
      call_id_with_rec: '1796457600.77',
    });
    await send({ event: 'NOTIFY_START', ...start });
    await send({ event: 'NOTIFY_INTERNAL', ...start, internal: '102' });
    await send({ event: 'NOTIFY_ANSWER', ...start, destination: '102', internal: '102' });
    await send({ event: 'NOTIFY_RECORD', pbx_call_id: pbx, call_id_with_rec: '1796457600.77' });
    const company = await companyOf('+74953330002');
    const callStartMs = Date.UTC(2026, 11, 5, 5, 0, 0); // 08:00 Moscow
    expect(await w.db.prepare('SELECT started_at, answered_at, ended_at, user_id FROM calls WHERE call_id = ?').bind(pbx).all()).toEqual(
      expect.objectContaining({
        results: [{ started_at: callStartMs, answered_at: callStartMs, ended_at: callStartMs + 45_000, user_id: world.users.managerB.id }],
      }),
    );
    const events = await w.db
      .prepare(
        "SELECT occurred_at, call_result, duration_sec, json_extract(details, '$.recordingUrl') AS rec FROM events WHERE external_id = ?",
      )
      .bind(`call:${pbx}`)
      .all();
    expect(events.results).toEqual([
      { occurred_at: callStartMs, call_result: 'answered', duration_sec: 45, rec: 'zadarma:call_id_with_rec:1796457600.77' },
    ]);
    expect(await count(w, 'SELECT count(*) AS n FROM tasks WHERE company_id = ?', company)).toBe(0);
  });
});

describe('the missed-call queue', () => {
  const missedFrom = async (phone: string, id: string, at: number) => {
    const base = { call_id: id, direction: 'in', from: phone, to: '+74957700000' };
    await generic({ ...base, type: 'call.ringing', timestamp: at }, `${id}-ring`);
    await generic({ ...base, type: 'call.ended', timestamp: at + 15, result: 'missed', duration: 0 }, `${id}-end`);
    return companyOf(phone);
  };
  const queueIds = async (who: 'managerA' | 'managerB' | 'managerC' | 'headA' | 'headOther' | 'admin') =>
    ((await apiAs(w, who).get('/api/tasks?scope=queue')).body.items as { id: number }[]).map((t) => t.id);

  test('a fresh missed call from a new number: its region managers see it at once, its head only after an hour, another region never', async () => {
    const company = await missedFrom('+74953330003', 'queue-fresh', TEST_NOW_S - 600);
    const task = (await w.db.prepare('SELECT id FROM tasks WHERE company_id = ?').bind(company).first<{ id: number }>())!.id;
    expect(await queueIds('managerA')).toContain(task);
    expect(await queueIds('managerB')).toContain(task);
    expect(await queueIds('headA')).not.toContain(task);
    expect(await queueIds('managerC')).not.toContain(task);
    expect(await queueIds('headOther')).not.toContain(task);
    expect(await queueIds('admin')).toContain(task);

    const old = await missedFrom('+74953330004', 'queue-old', TEST_NOW_S - 2 * 3600);
    const oldTask = (await w.db.prepare('SELECT id FROM tasks WHERE company_id = ?').bind(old).first<{ id: number }>())!.id;
    const headView = (await apiAs(w, 'headA').get('/api/tasks?scope=queue')).body.items as { id: number; escalated: boolean }[];
    expect(headView.find((t) => t.id === oldTask)).toMatchObject({ escalated: true, userId: null, queueRegionId: world.regions.msk });
  });

  test('twenty managers press «Взять» at once: exactly one owns the task and the client, the others hear who took it', async () => {
    const company = await missedFrom('+74953330005', 'queue-race', TEST_NOW_S - 900);
    const task = (await w.db.prepare('SELECT id FROM tasks WHERE company_id = ?').bind(company).first<{ id: number }>())!.id;
    const takers = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 'managerA' : 'managerB') as 'managerA' | 'managerB');
    const answers = await Promise.all(takers.map((who) => apiAs(w, who).post(`/api/tasks/${task}/take`)));
    const winners = answers.filter((a) => a.status === 200);
    const row = (await w.db.prepare('SELECT user_id FROM tasks WHERE id = ?').bind(task).first<{ user_id: number }>())!;
    const winnerName = row.user_id === world.users.managerA.id ? 'Анна Менеджер' : 'Борис Менеджер';
    // The winner's own repeated presses answer 200 as well (taking one's own task is a no-op); the rest are 409s.
    expect(winners.every((a) => a.body.userId === row.user_id)).toBe(true);
    for (const a of answers.filter((x) => x.status !== 200))
      expect(a).toEqual({
        status: 409,
        body: { error: expect.objectContaining({ code: 'conflict', message: `Задачу уже взял(а) ${winnerName}` }) },
      });
    expect(
      await w.db
        .prepare('SELECT owner_id, (SELECT owner_id FROM leads WHERE company_id = companies.id) AS lead_owner FROM companies WHERE id = ?')
        .bind(company)
        .first(),
    ).toEqual({ owner_id: row.user_id, lead_owner: row.user_id });
    expect(
      await count(w, "SELECT count(*) AS n FROM audit_log WHERE entity = 'task' AND entity_id = ? AND details LIKE '%take%'", String(task)),
    ).toBeGreaterThanOrEqual(1);
  });

  test('a later answered call with that number closes the queue task; a second missed call makes no second one', async () => {
    const phone = '+74953330006';
    const company = await missedFrom(phone, 'queue-close-1', TEST_NOW_S - 3000);
    await missedFrom(phone, 'queue-close-2', TEST_NOW_S - 2400);
    expect(await count(w, 'SELECT count(*) AS n FROM tasks WHERE company_id = ? AND done_at IS NULL', company)).toBe(1);
    const base = { call_id: 'queue-close-3', direction: 'in', from: phone, to: '+74957700000', extension: '102' };
    await generic({ ...base, type: 'call.answered', timestamp: TEST_NOW_S - 1200 }, 'queue-close-3-ans');
    await generic({ ...base, type: 'call.ended', timestamp: TEST_NOW_S - 1100, result: 'answered', duration: 100 }, 'queue-close-3-end');
    expect(await w.db.prepare('SELECT done_at, cancelled_at FROM tasks WHERE company_id = ?').bind(company).all()).toEqual(
      expect.objectContaining({ results: [{ done_at: (TEST_NOW_S - 1200) * 1000, cancelled_at: null }] }),
    );
  });

  test('a missed call from a client with a manager is his task, not the queue', async () => {
    await generic(
      {
        call_id: 'queue-owned',
        type: 'call.ringing',
        direction: 'in',
        from: '+74951234567',
        to: '+74957700000',
        timestamp: TEST_NOW_S - 500,
      },
      'qo-1',
    );
    await generic(
      {
        call_id: 'queue-owned',
        type: 'call.ended',
        direction: 'in',
        from: '+74951234567',
        to: '+74957700000',
        timestamp: TEST_NOW_S - 480,
        result: 'missed',
      },
      'qo-2',
    );
    expect(
      await w.db
        .prepare(
          "SELECT user_id, region_id FROM tasks WHERE source_event_id = (SELECT id FROM events WHERE external_id = 'call:queue-owned')",
        )
        .all(),
    ).toEqual(expect.objectContaining({ results: [{ user_id: world.users.managerA.id, region_id: null }] }));
  });
});
