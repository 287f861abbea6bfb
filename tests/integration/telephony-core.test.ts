import { apiAs, count } from '../helpers/api';
import { genericRequest } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';
import { TEST_NOW_S } from '../helpers/clock';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const KNOWN = '+74951234567';
const send = async (event: Record<string, unknown>) =>
  (await w.fetch('/hooks/telephony/generic', genericRequest(event, { id: `msg_${event.call_id}_${event.type}` }))).status;
const now = () => TEST_NOW_S;

describe('from a call to the funnel', () => {
  test('a missed inbound call from a client opens a call-back task for his manager due in an hour; calling back closes it', async () => {
    const at = now() - 600;
    expect(
      await send({
        type: 'call.ringing',
        call_id: 'core-missed-1',
        direction: 'in',
        from: '8 (495) 123-45-67',
        to: '+74957700000',
        extension: '101',
        timestamp: at,
      }),
    ).toBe(200);
    expect(
      await send({
        type: 'call.ended',
        call_id: 'core-missed-1',
        direction: 'in',
        from: '8 (495) 123-45-67',
        to: '+74957700000',
        extension: '101',
        timestamp: at + 20,
        duration: 0,
        result: 'missed',
      }),
    ).toBe(200);
    const task = await w.db
      .prepare("SELECT user_id, due_at, done_at FROM tasks WHERE company_id = ? AND kind = 'callback'")
      .bind(world.companies.ofA)
      .first<{ user_id: number; due_at: number; done_at: number | null }>();
    expect(task).toEqual({ user_id: world.users.managerA.id, due_at: at * 1000 + 3_600_000, done_at: null });
    const event = await w.db
      .prepare(
        "SELECT direction, call_result, duration_sec, targeted, counterpart, user_id FROM events WHERE source = 'generic' AND external_id = 'call:core-missed-1'",
      )
      .first();
    expect(event).toEqual({
      direction: 'in',
      call_result: 'missed',
      duration_sec: 0,
      targeted: 0,
      counterpart: KNOWN,
      user_id: world.users.managerA.id,
    });

    await send({
      type: 'call.answered',
      call_id: 'core-back-1',
      direction: 'out',
      from: '101',
      to: KNOWN,
      extension: '101',
      timestamp: now() - 100,
    });
    await send({
      type: 'call.ended',
      call_id: 'core-back-1',
      direction: 'out',
      from: '101',
      to: KNOWN,
      extension: '101',
      timestamp: now() - 40,
      duration: 60,
      result: 'answered',
    });
    expect(
      await count(w, "SELECT count(*) AS n FROM tasks WHERE company_id = ? AND kind = 'callback' AND done_at IS NULL", world.companies.ofA),
    ).toBe(0);
    expect(await w.db.prepare("SELECT targeted FROM events WHERE external_id = 'call:core-back-1'").first()).toEqual({ targeted: 1 });
  });

  test('an unknown caller becomes a prospect with a contact and a new lead in the pool; a second call adds to it', async () => {
    await send({
      type: 'call.ringing',
      call_id: 'core-new-1',
      direction: 'in',
      from: '+7 912 000-11-22',
      to: '+74957700000',
      timestamp: now(),
    });
    const prospect = await w.db
      .prepare(
        "SELECT c.id, c.status, c.owner_id, l.stage_id, l.channel FROM contact_points p JOIN companies c ON c.id = p.company_id JOIN leads l ON l.company_id = c.id WHERE p.value = '+79120001122'",
      )
      .first<{ id: number }>();
    expect(prospect).toMatchObject({ status: 'prospect', owner_id: null, stage_id: 'new', channel: 'call' });
    const leadId = (await w.db.prepare('SELECT id FROM leads WHERE company_id = ?').bind(prospect!.id).first<{ id: number }>())!.id;
    expect((await apiAs(w, 'admin').get(`/api/leads/${leadId}`)).body.why).toBe('Правило «звонок с нового номера»');
    await send({
      type: 'call.ringing',
      call_id: 'core-new-2',
      direction: 'in',
      from: '+79120001122',
      to: '+74957700000',
      timestamp: now(),
    });
    expect(await count(w, "SELECT count(*) AS n FROM contact_points WHERE value = '+79120001122'")).toBe(1);
    expect(await count(w, 'SELECT count(*) AS n FROM leads WHERE company_id = ?', prospect!.id)).toBe(1);
  });

  test('ten calls from one new number at the same moment make one prospect with one lead, and every call lands on it', async () => {
    const calls = Array.from({ length: 10 }, (_, i) => `core-burst-${i}`);

    const statuses = await Promise.all(
      calls.map((id) =>
        send({ type: 'call.ringing', call_id: id, direction: 'in', from: '+79120003344', to: '+74957700000', timestamp: now() }),
      ),
    );

    expect(statuses).toEqual(calls.map(() => 200));
    expect(await count(w, "SELECT count(*) AS n FROM contact_points WHERE value = '+79120003344'")).toBe(1);
    const companyId = await count(w, "SELECT company_id AS n FROM contact_points WHERE value = '+79120003344'");
    expect(await count(w, 'SELECT count(*) AS n FROM leads WHERE company_id = ?', companyId)).toBe(1);
    expect(await count(w, "SELECT count(*) AS n FROM calls WHERE call_id LIKE 'core-burst-%' AND company_id = ?", companyId)).toBe(10);
  });

  test('a number that is not a phone never becomes a client', async () => {
    await send({ type: 'call.ringing', call_id: 'core-junk-1', direction: 'in', from: '+0000', to: '+74957700000', timestamp: now() });
    expect(await w.db.prepare("SELECT company_id FROM calls WHERE call_id = 'core-junk-1'").first()).toEqual({ company_id: null });
  });
});
