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

describe('leads moved by people', () => {
  test('a lead opened by hand starts as new, owned like its company, with the stage hint as next action', async () => {
    const res = await A().post('/api/leads', { companyId: world.companies.ofA, amountKopecks: 150_000_00 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      stageId: 'new',
      ownerId: world.users.managerA.id,
      nextAction: { title: 'Перезвонить в течение часа', fromTask: false },
    });
    expect(res.body.history).toEqual([
      expect.objectContaining({
        fromStageId: null,
        toStageId: 'new',
        cause: 'user',
        causeText: 'Анна Менеджер вручную: создан менеджером',
      }),
    ]);
  });

  test('forward moves need no reason; going back and losing do, and every move records who and why', async () => {
    const lead = (await A().post('/api/leads', { companyId: world.companies.ofA })).body;
    expect((await A().post(`/api/leads/${lead.id}/stage`, { stageId: 'proposal' })).body.stageId).toBe('proposal');
    const back = await A().post(`/api/leads/${lead.id}/stage`, { stageId: 'qualified' });
    expect(back.status).toBe(400);
    expect(back.body.error.fields[0]).toEqual({ field: 'body.reason', message: 'Укажите, почему интерес возвращается на прежний этап' });
    expect((await A().post(`/api/leads/${lead.id}/stage`, { stageId: 'lost' })).status).toBe(400);
    const lost = await A().post(`/api/leads/${lead.id}/stage`, { stageId: 'lost', reason: 'Купили у конкурента дешевле' });
    expect(lost.body).toMatchObject({
      stageId: 'lost',
      lostReason: 'Купили у конкурента дешевле',
      closedAt: expect.any(Number),
      nextAction: null,
    });
    expect(lost.body.why).toBe('Анна Менеджер вручную: Купили у конкурента дешевле');
    expect(lost.body.history.map((h: { toStageId: string }) => h.toStageId)).toEqual(['new', 'proposal', 'lost']);
    expect(await count(w, "SELECT count(*) AS n FROM events WHERE kind = 'stage_change' AND lead_id = ?", lead.id)).toBe(2);
  });

  test('time in each stage is exact from the stored changes', async () => {
    const s = (sql: string, ...a: unknown[]) => w.db.prepare(sql).bind(...a);
    const t0 = Date.UTC(2026, 10, 1, 9);
    await w.db.batch([
      s(
        "INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at, closed_at) VALUES (700, 101, 1, 4, 'shipped', 'call', ?, ?, ?)",
        t0,
        t0 + 50 * 3_600_000,
        t0 + 50 * 3_600_000,
      ),
      s(
        "INSERT INTO stage_changes (lead_id, from_stage_id, to_stage_id, at, cause) VALUES (700, NULL, 'new', ?, 'user'), (700, 'new', 'qualified', ?, 'user'), (700, 'qualified', 'new', ?, 'user'), (700, 'new', 'shipped', ?, 'user')",
        t0,
        t0 + 2 * 3_600_000,
        t0 + 10 * 3_600_000,
        t0 + 50 * 3_600_000,
      ),
    ]);
    const card = (await A().get('/api/leads/700')).body;
    expect(card.timeInStageMs).toEqual({ new: (2 + 40) * 3_600_000, qualified: 8 * 3_600_000, shipped: 0 });
  });

  test("a colleague cannot read or move A's lead", async () => {
    const lead = (await A().post('/api/leads', { companyId: world.companies.ofA })).body;
    expect((await apiAs(w, 'managerB').get(`/api/leads/${lead.id}`)).status).toBe(404);
    expect((await apiAs(w, 'managerB').post(`/api/leads/${lead.id}/stage`, { stageId: 'qualified' })).status).toBe(404);
    expect((await apiAs(w, 'headA').post(`/api/leads/${lead.id}/stage`, { stageId: 'qualified' })).status).toBe(200);
  });
});

describe('tasks', () => {
  test('the earliest open task of a lead is its next action; completing it writes a task_done touch once', async () => {
    const lead = (await A().post('/api/leads', { companyId: world.companies.ofA })).body;
    const task = await A().post('/api/tasks', { title: 'Отправить КП на профлист', dueAt: TEST_NOW + 3_600_000, leadId: lead.id });
    expect(task.status).toBe(201);
    expect(task.body).toMatchObject({ companyId: world.companies.ofA, leadId: lead.id, userId: world.users.managerA.id, overdue: false });
    expect((await A().get(`/api/leads/${lead.id}`)).body.nextAction).toMatchObject({ title: 'Отправить КП на профлист', fromTask: true });
    await A().post(`/api/tasks/${task.body.id}/complete`);
    await A().post(`/api/tasks/${task.body.id}/complete`);
    expect(await count(w, "SELECT count(*) AS n FROM events WHERE kind = 'task_done' AND external_id = ?", `task:${task.body.id}`)).toBe(1);
    expect((await A().get('/api/tasks?status=done')).body.items.map((t: { id: number }) => t.id)).toContain(task.body.id);
  });

  test('a head sets and reassigns tasks of his managers; a manager only his own', async () => {
    expect((await A().post('/api/tasks', { title: 'Чужая', dueAt: TEST_NOW, userId: world.users.managerB.id })).status).toBe(403);
    const t = await apiAs(w, 'headA').post('/api/tasks', {
      title: 'Позвонить в Кровлю',
      dueAt: TEST_NOW - 60_000,
      userId: world.users.managerA.id,
      companyId: world.companies.ofA,
    });
    expect(t.status).toBe(201);
    expect((await A().get('/api/tasks?status=overdue')).body.items.map((x: { id: number }) => x.id)).toContain(t.body.id);
    expect((await apiAs(w, 'headOther').post(`/api/tasks/${t.body.id}/reassign`, { userId: world.users.managerC.id })).status).toBe(404);
    expect((await apiAs(w, 'headA').post(`/api/tasks/${t.body.id}/reassign`, { userId: world.users.managerC.id })).status).toBe(400);
    const moved = await apiAs(w, 'headA').post(`/api/tasks/${t.body.id}/reassign`, { userId: world.users.managerB.id });
    expect(moved.body.userId).toBe(world.users.managerB.id);
    expect((await apiAs(w, 'managerB').get(`/api/tasks?userId=${world.users.managerA.id}`)).status).toBe(404);
  });
});

describe('deviations', () => {
  test('are computed per scope: a manager sees his own, a head his region, the other head nothing of it', async () => {
    const now = TEST_NOW;
    const s = (sql: string, ...a: unknown[]) => w.db.prepare(sql).bind(...a);
    await w.db.batch([
      s(
        "INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES (800, 101, 1, 4, 'new', 'call', ?, ?)",
        now - 5 * 3_600_000,
        now - 5 * 3_600_000,
      ),
      s(
        "INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES (801, 102, 1, 5, 'invoice', 'call', ?, ?)",
        now - 30 * 86_400_000,
        now - 30 * 86_400_000,
      ),
      s(
        "INSERT INTO events (kind, source, external_id, occurred_at, company_id, direction, call_result, counterpart, created_at) VALUES ('call', 'manual', 'dv-1', ?, 101, 'in', 'missed', '+74951234567', 0)",
        now - 2 * 3_600_000,
      ),
    ]);
    const mine = (await A().get('/api/deviations')).body;
    expect(mine.items.filter((d: { kind: string }) => d.kind === 'stuck').map((d: { leadId: number }) => d.leadId)).toContain(800);
    expect(mine.items.map((d: { leadId: number | null }) => d.leadId)).not.toContain(801);
    // A lead is named by its client and how it came, never «Интерес №800».
    const stuck800 = mine.items.find((d: { kind: string; leadId: number }) => d.kind === 'stuck' && d.leadId === 800);
    expect(stuck800.message).toMatch(
      new RegExp(`^Интерес «${stuck800.companyName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — .+» дольше срока на этапе «.+»$`),
    );
    expect(stuck800.message).not.toContain('№');
    expect(mine.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'missed_call',
          companyId: 101,
          message: 'Пропущенный звонок с +7\u00a0495\u00a0123-45-67 не перезвонили в течение часа',
        }),
      ]),
    );
    const head = (await apiAs(w, 'headA').get('/api/deviations?kind=stuck')).body;
    expect(head.items.map((d: { leadId: number }) => d.leadId)).toEqual(expect.arrayContaining([800, 801]));
    expect(head.counts.stuck).toBeGreaterThanOrEqual(2);
    const other = (await apiAs(w, 'headOther').get('/api/deviations')).body;
    expect(other.items.map((d: { companyId: number }) => d.companyId)).not.toContain(101);
    await w.db
      .prepare(
        "INSERT INTO events (kind, source, external_id, occurred_at, company_id, direction, call_result, created_at) VALUES ('call', 'manual', 'dv-2', ?, 101, 'out', 'answered', 0)",
      )
      .bind(now - 3_600_000)
      .run();
    expect((await A().get('/api/deviations?kind=missed_call')).body.counts.missed_call).toBe(0);
  });
});
