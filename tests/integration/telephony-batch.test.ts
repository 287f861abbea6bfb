import { count } from '../helpers/api';
import { genericRequest } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';
import { TEST_NOW, TEST_NOW_S } from '../helpers/clock';

/**
 * The generic hook's batched form: a relay posts a JSON array of events in the order they
 * happened. A batch must land exactly as the same events sent one by one would, be refused whole
 * when one event is bad, and change nothing when it comes again.
 */
let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const KNOWN = '+74951234567';
const nowS = () => TEST_NOW_S;
let seq = 0;
const post = async (body: unknown, id = `msg_batch_${++seq}`) => {
  const res = await w.fetch('/hooks/telephony/generic', genericRequest(body as object, { id }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

/** Three calls (a known client's outgoing call, his missed inbound call, an unknown caller), their events interleaved. */
/** `t`: the first ringing, unix seconds — the same for calls compared with each other. */
function threeCalls(prefix: string, unknownPhone: string, t = nowS() - 900) {
  const out = { call_id: `${prefix}-out`, direction: 'out', from: '101', to: KNOWN, extension: '101' };
  const missed = { call_id: `${prefix}-missed`, direction: 'in', from: KNOWN, to: '+74957700000', extension: '101' };
  const fresh = { call_id: `${prefix}-new`, direction: 'in', from: unknownPhone, to: '+74957700000', extension: '102' };
  return [
    { ...out, type: 'call.ringing', timestamp: t, seq: 1 },
    { ...missed, type: 'call.ringing', timestamp: t + 5, seq: 1 },
    { ...out, type: 'call.answered', timestamp: t + 8, seq: 2 },
    { ...fresh, type: 'call.ringing', timestamp: t + 9, seq: 1 },
    { ...missed, type: 'call.ended', timestamp: t + 30, seq: 2, duration: 0, result: 'missed' },
    { ...fresh, type: 'call.answered', timestamp: t + 12, seq: 2 },
    { ...out, type: 'call.ended', timestamp: t + 128, seq: 3, duration: 120, result: 'answered' },
    { ...fresh, type: 'call.ended', timestamp: t + 72, seq: 3, duration: 60, result: 'answered' },
  ];
}

// The counterpart differs by design (two unknown callers); `known` says both were matched.
const CALL_COLUMNS = 'direction, line, extension, user_id, started_at, answered_at, ended_at, talk_sec, result, last_seq';
const callsOf = (prefix: string) =>
  w.db
    .prepare(`SELECT substr(call_id, length(?) + 2) AS call, ${CALL_COLUMNS}, company_id IS NOT NULL AS known, event_id IS NOT NULL AS on_timeline
  FROM calls WHERE call_id LIKE ? || '-%' ORDER BY call`)
    .bind(prefix, prefix)
    .all()
    .then((r) => r.results);
const eventsOf = (prefix: string) =>
  w.db
    .prepare(`SELECT substr(external_id, length(?) + 7) AS call, direction, duration_sec, call_result, targeted, user_id, company_id IS NOT NULL AS known
  FROM events WHERE source = 'generic' AND external_id LIKE 'call:' || ? || '-%' ORDER BY call`)
    .bind(prefix, prefix)
    .all()
    .then((r) => r.results);

describe('a batch of call events', () => {
  test('lands exactly as the same events sent one by one, in any order', async () => {
    const shuffled = <T>(items: T[]) =>
      items
        .map((v, i) => ({ v, k: (i * 7919) % 13 }))
        .sort((a, b) => a.k - b.k)
        .map((x) => x.v);
    const t = nowS() - 900;
    const single = threeCalls('one', '+79120005501', t);
    for (const event of shuffled(single)) expect((await post(event)).status).toBe(200);
    const batch = await post(shuffled(threeCalls('many', '+79120005502', t)));
    expect(batch).toEqual({ status: 200, body: { ok: true, outcome: 'stored' } });

    const one = await callsOf('one');
    expect(one).toHaveLength(3);
    expect(await callsOf('many')).toEqual(one);
    expect(await eventsOf('many')).toEqual(await eventsOf('one'));
    expect(await eventsOf('many')).toEqual([
      { call: 'missed', direction: 'in', duration_sec: 0, call_result: 'missed', targeted: 0, user_id: world.users.managerA.id, known: 1 },
      { call: 'new', direction: 'in', duration_sec: 60, call_result: 'answered', targeted: 1, user_id: world.users.managerB.id, known: 1 },
      {
        call: 'out',
        direction: 'out',
        duration_sec: 120,
        call_result: 'answered',
        targeted: 1,
        user_id: world.users.managerA.id,
        known: 1,
      },
    ]);
    // The unknown caller of the batch became one prospect with one lead, as a single call would make.
    const prospect = await w.db
      .prepare(
        "SELECT c.status, (SELECT count(*) FROM leads WHERE company_id = c.id) AS leads FROM contact_points p JOIN companies c ON c.id = p.company_id WHERE p.value = '+79120005502'",
      )
      .first();
    expect(prospect).toEqual({ status: 'prospect', leads: 1 });
  });

  test('sent ten more times (new delivery ids, same events) it changes nothing and says so', async () => {
    const events = threeCalls('again', '+79120005503');
    expect((await post(events)).status).toBe(200);
    const tables = ['calls', 'events', 'tasks', 'leads', 'companies', 'contact_points', 'stage_changes'];
    const before = await Promise.all(tables.map((t) => count(w, `SELECT count(*) AS n FROM ${t}`)));
    const calls = await callsOf('again');
    for (let i = 0; i < 10; i++) expect(await post(events)).toEqual({ status: 200, body: { ok: true, outcome: 'duplicate' } });
    expect(await Promise.all(tables.map((t) => count(w, `SELECT count(*) AS n FROM ${t}`)))).toEqual(before);
    expect(await callsOf('again')).toEqual(calls);
  });

  test('two calls of one client ending in the same batch both reach the timeline, and his lead moves once', async () => {
    const t = nowS() - 3600;
    const lead = await w.db
      .prepare(
        "INSERT INTO leads (company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES (?, 1, ?, 'new', 'call', ?, ?) RETURNING id",
      )
      .bind(world.companies.ofB, world.users.managerB.id, t * 1000 - 60_000, t * 1000 - 60_000)
      .first<{ id: number }>();
    // Company B gets a phone for this test.
    const contact = await w.db
      .prepare("INSERT INTO contacts (company_id, name, created_at) VALUES (?, 'Ольга Б', ?) RETURNING id")
      .bind(world.companies.ofB, TEST_NOW)
      .first<{ id: number }>();
    await w.db
      .prepare("INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (?, ?, 'phone', '+74957001122')")
      .bind(contact!.id, world.companies.ofB)
      .run();
    const call = (id: string, start: number, talk: number) => {
      const base = { call_id: id, direction: 'out', from: '102', to: '+74957001122', extension: '102' };
      return [
        { ...base, type: 'call.answered', timestamp: start },
        { ...base, type: 'call.ended', timestamp: start + talk, duration: talk, result: 'answered' },
      ];
    };
    expect((await post([...call('pair-1', t, 45), ...call('pair-2', t + 100, 50)])).status).toBe(200);
    expect(await count(w, "SELECT count(*) AS n FROM events WHERE external_id IN ('call:pair-1', 'call:pair-2')")).toBe(2);
    const moves = await w.db
      .prepare('SELECT from_stage_id, to_stage_id, cause FROM stage_changes WHERE lead_id = ? ORDER BY id')
      .bind(lead!.id)
      .all();
    expect(moves.results).toEqual([{ from_stage_id: 'new', to_stage_id: 'qualified', cause: 'rule' }]);
    expect(await w.db.prepare('SELECT stage_id FROM leads WHERE id = ?').bind(lead!.id).first()).toEqual({ stage_id: 'qualified' });
  });

  test('one bad event refuses the whole batch, naming it; the payload is kept with the reason and nothing is applied', async () => {
    const events = threeCalls('bad', '+79120005504');
    (events[2] as Record<string, unknown>)['timestamp'] = 'вчера';
    const res = await post(events, 'msg_batch_bad');
    expect(res.status).toBe(400);
    expect(String((res.body['error'] as { message: string }).message)).toMatch(/событие 3 из 8: timestamp/);
    expect(await count(w, "SELECT count(*) AS n FROM calls WHERE call_id LIKE 'bad-%'")).toBe(0);
    const kept = await w.db
      .prepare("SELECT outcome, reason FROM inbox WHERE external_id = 'msg_batch_bad'")
      .first<{ outcome: string; reason: string }>();
    expect(kept?.outcome).toBe('rejected');
    expect(kept?.reason).toMatch(/событие 3 из 8/);
  });

  test('an empty batch and one over the limit are refused with the reason', async () => {
    expect((await post([])).status).toBe(400);
    const over = Array.from({ length: 501 }, (_, i) => ({ type: 'call.ringing', call_id: `over-${i}`, timestamp: nowS() }));
    const res = await post(over);
    expect(res.status).toBe(400);
    expect(String((res.body['error'] as { message: string }).message)).toMatch(/501 событий.*не больше 500/);
    expect(await count(w, "SELECT count(*) AS n FROM calls WHERE call_id LIKE 'over-%'")).toBe(0);
  });
});
