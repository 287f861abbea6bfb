import { apiAs, count } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const A = () => apiAs(w, 'managerA');
const logOn = (companyId: number, event: Record<string, unknown>) => A().post(`/api/companies/${companyId}/events`, event);

async function freshCompanyWithLead(): Promise<{ companyId: number; leadId: number }> {
  const company = (await A().post('/api/companies', { name: `Правила ${Math.random().toString(36).slice(2, 8)}`, regionId: 1 })).body
    .company.id;
  const lead = (await A().post('/api/leads', { companyId: company })).body.id;
  return { companyId: company, leadId: lead };
}

describe('the funnel rules, one pipeline for every event', () => {
  test('a 30-second conversation moves a new lead to qualified, caused by the rule and the call', async () => {
    const { companyId, leadId } = await freshCompanyWithLead();
    const short = await logOn(companyId, { kind: 'call', direction: 'out', callResult: 'answered', durationSec: 29 });
    expect(short.body).toMatchObject({ movedTo: null, duplicate: false });
    const long = await logOn(companyId, {
      kind: 'call',
      direction: 'out',
      callResult: 'answered',
      durationSec: 30,
      subject: 'Обсудили профлист С-21',
    });
    expect(long.status).toBe(201);
    expect(long.body.movedTo).toBe('qualified');
    const card = (await A().get(`/api/leads/${leadId}`)).body;
    expect(card.stageId).toBe('qualified');
    expect(card.history.at(-1)).toMatchObject({ cause: 'rule', causeText: 'Правило «разговор от 30 секунд»: Обсудили профлист С-21' });
    expect(await w.db.prepare('SELECT targeted FROM events WHERE id = ?').bind(long.body.eventId).first()).toEqual({ targeted: 1 });
  });

  test('a missed inbound call opens a call-back task due in an hour; a later call closes it', async () => {
    const { companyId } = await freshCompanyWithLead();
    const at = TEST_NOW - 10 * 60_000;
    const missed = await logOn(companyId, { kind: 'call', direction: 'in', callResult: 'missed', durationSec: 0, occurredAt: at });
    expect(missed.body.tasksOpened).toBe(1);
    const task = await w.db
      .prepare("SELECT user_id, kind, title, due_at, done_at FROM tasks WHERE company_id = ? AND kind = 'callback'")
      .bind(companyId)
      .first();
    expect(task).toEqual({
      user_id: world.users.managerA.id,
      kind: 'callback',
      title: 'Перезвонить клиенту',
      due_at: at + 3_600_000,
      done_at: null,
    });
    const back = await logOn(companyId, { kind: 'call', direction: 'out', callResult: 'answered', durationSec: 12 });
    expect(back.body.tasksClosed).toBe(1);
    expect(
      await count(w, "SELECT count(*) AS n FROM tasks WHERE company_id = ? AND kind = 'callback' AND done_at IS NULL", companyId),
    ).toBe(0);
  });

  test('an outgoing mail with an attachment marks the proposal; automatic moves never go back', async () => {
    const { companyId, leadId } = await freshCompanyWithLead();
    expect((await logOn(companyId, { kind: 'mail', direction: 'out', hasAttachment: true, subject: 'КП на кровлю' })).body.movedTo).toBe(
      'proposal',
    );
    expect((await logOn(companyId, { kind: 'call', direction: 'out', callResult: 'answered', durationSec: 300 })).body.movedTo).toBeNull();
    expect((await A().get(`/api/leads/${leadId}`)).body.stageId).toBe('proposal');
  });

  test('the same event twice (an idempotency key) changes nothing the second time', async () => {
    const { companyId } = await freshCompanyWithLead();
    const body = { kind: 'call', direction: 'in', callResult: 'missed', idempotencyKey: 'ext-call-0001' };
    const first = await logOn(companyId, body);
    const before = { events: await count(w, 'SELECT count(*) AS n FROM events'), tasks: await count(w, 'SELECT count(*) AS n FROM tasks') };
    const second = await logOn(companyId, body);
    expect(first.body.duplicate).toBe(false);
    expect(second.body).toEqual({ eventId: null, duplicate: true, movedTo: null, tasksOpened: 0, tasksClosed: 0 });
    expect({
      events: await count(w, 'SELECT count(*) AS n FROM events'),
      tasks: await count(w, 'SELECT count(*) AS n FROM tasks'),
    }).toEqual(before);
  });

  test('an admin switches a rule off by data and it stops acting', async () => {
    await w.db.prepare("UPDATE funnel_rules SET active = 0 WHERE id = 'call_qualifies'").run();
    try {
      const { companyId } = await freshCompanyWithLead();
      expect(
        (await logOn(companyId, { kind: 'call', direction: 'out', callResult: 'answered', durationSec: 120 })).body.movedTo,
      ).toBeNull();
    } finally {
      await w.db.prepare("UPDATE funnel_rules SET active = 1 WHERE id = 'call_qualifies'").run();
    }
  });
});

describe('configuring the funnel', () => {
  test('the admin raises the qualifying threshold to 60 s and the pipeline follows it', async () => {
    const admin = apiAs(w, 'admin');
    const res = await admin.patch('/api/funnel/rules/call_qualifies', {
      condition: { callResult: 'answered', minDurationSec: 60, fromStages: ['new'] },
    });
    expect(res.status).toBe(200);
    try {
      const { companyId } = await freshCompanyWithLead();
      expect((await logOn(companyId, { kind: 'call', direction: 'out', callResult: 'answered', durationSec: 45 })).body.movedTo).toBeNull();
      expect((await logOn(companyId, { kind: 'call', direction: 'out', callResult: 'answered', durationSec: 60 })).body.movedTo).toBe(
        'qualified',
      );
    } finally {
      await admin.patch('/api/funnel/rules/call_qualifies', {
        condition: { callResult: 'answered', minDurationSec: 30, fromStages: ['new'] },
      });
    }
  });

  test('a condition with an unknown key is refused, naming it', async () => {
    const res = await apiAs(w, 'admin').patch('/api/funnel/rules/call_qualifies', { condition: { minDuration: 10 } });
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('body.condition');
  });

  test('the admin changes a stage SLA and hint; a head may not', async () => {
    expect((await apiAs(w, 'headA').patch('/api/funnel/stages/new', { slaHours: 2 })).status).toBe(403);
    const res = await apiAs(w, 'admin').patch('/api/funnel/stages/new', { slaHours: 2, hintRu: 'Перезвонить в течение двух часов' });
    expect(res.body).toMatchObject({ id: 'new', slaHours: 2, hintRu: 'Перезвонить в течение двух часов', position: 10 });
    const lead = (await A().post('/api/leads', { companyId: world.companies.ofA })).body;
    expect(lead.nextAction.title).toBe('Перезвонить в течение двух часов');
    await apiAs(w, 'admin').patch('/api/funnel/stages/new', { slaHours: 1, hintRu: 'Перезвонить в течение часа' });
  });
});
