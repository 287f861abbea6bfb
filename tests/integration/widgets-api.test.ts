import { apiAs } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { createToken, seedWorld, sessionCookie, world } from '../helpers/world';
import { monthOf, TEST_NOW } from '../helpers/clock';

/** The figures behind the 1C home-page widgets, against data written here by hand. */
let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const A = world.users.managerA.id;
const B = world.users.managerB.id;
const HOUR = 3_600_000;
const moscowMonth = () => monthOf(TEST_NOW);

async function shipment(userId: number, id: number, kopecks: number) {
  const month = moscowMonth();
  await w.db
    .prepare(`INSERT INTO onec_documents (id, ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, user_id, amount_kopecks, updated_at)
    VALUES (?, ?, 'shipment', ?, ?, ?, 1, 0, 'v1', 101, ?, ?, ?)`)
    .bind(id, `w-${id}`, `РТ-${id}`, `${month}-01T09:00:00`, TEST_NOW, userId, kopecks, TEST_NOW)
    .run();
}

describe('widget figures', () => {
  beforeAll(async () => {
    const month = moscowMonth();
    const now = TEST_NOW;
    await apiAs(w, 'headA').put(`/api/plans/${A}/${month}`, { amountKopecks: 10_000_000 });
    await apiAs(w, 'headA').put(`/api/plans/${B}/${month}`, { amountKopecks: 4_000_000 });
    await shipment(A, 9001, 2_500_000);
    await shipment(B, 9002, 3_000_000);
    // Today for A: one targeted and one untargeted call; a lead stuck in «new» (SLA) and a fresh one.
    for (const [i, targeted] of [
      [1, 1],
      [2, 0],
    ] as const) {
      await w.db
        .prepare(`INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, region_id, direction, duration_sec, call_result, targeted, created_at)
        VALUES ('call', 'generic', ?, ?, 101, ?, 1, 'out', 60, 'answered', ?, ?)`)
        .bind(`call:w-${i}`, now - 60_000, A, targeted, now)
        .run();
    }
    const sla = (await w.db.prepare("SELECT sla_hours FROM stages WHERE id = 'new'").first<{ sla_hours: number }>())!.sla_hours;
    await w.db
      .prepare(`INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES
      (9101, 101, 1, ?, 'new', 'call', ?, ?), (9102, 101, 1, ?, 'new', 'call', ?, ?)`)
      .bind(A, now - (sla + 5) * HOUR, now - (sla + 5) * HOUR, A, now - 600_000, now - 600_000)
      .run();
    await w.db
      .prepare(`INSERT INTO tasks (user_id, company_id, kind, title, due_at, created_at) VALUES
      (?, 101, 'callback', 'Перезвонить', ?, ?), (?, 101, 'custom', 'Отправить КП', ?, ?)`)
      .bind(A, now - HOUR, now, A, now + 5 * HOUR, now)
      .run();
  });

  test("the manager's month: plan, fact, earned so far, today's calls against the KPI, funnel, tasks", async () => {
    const res = await apiAs(w, 'managerA').get('/api/widgets/month');
    expect(res.status).toBe(200);
    const m = res.body;
    expect(m).toMatchObject({
      userName: 'Анна Менеджер',
      month: moscowMonth(),
      planKopecks: 10_000_000,
      factKopecks: 2_500_000,
      planCompletionBp: 2500,
      targetedCallsToday: 1,
      targetedCallsTarget: 15,
      overdueTasks: 1,
    });
    // The starting rule: base 30 000 ₽ + 1.5 % of 25 000 ₽ (375 ₽); no tier at 25 %, KPI not reached.
    expect(m.earnedKopecks).toBe(3_000_000 + 37_500);
    expect(m.funnel.find((f: { stageId: string }) => f.stageId === 'new')).toEqual({
      stageId: 'new',
      nameRu: expect.any(String),
      count: 2,
      stuck: 1,
    });
    expect(m.stuckLeads.map((l: { leadId: number }) => l.leadId)).toEqual([9101]);
    expect(m.callBacks).toEqual([
      { taskId: expect.any(Number), companyId: 101, companyName: 'ООО "Кровля А"', phone: '+74951234567', dueAt: expect.any(Number) },
    ]);
  });

  test('the same through an embed token, and the token is read-only', async () => {
    const token = await createToken(w, await sessionCookie(w, 'managerA'), 'embed');
    const res = await w.fetch(`/api/widgets/month?t=${encodeURIComponent(token.secret)}`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { planKopecks: number }).planKopecks).toBe(10_000_000);
  });

  test("the head's region: plan against fact and the managers ranked by completion", async () => {
    const r = (await apiAs(w, 'headA').get('/api/widgets/region')).body;
    expect(r).toMatchObject({ regions: ['Москва'], planKopecks: 14_000_000, factKopecks: 5_500_000, planCompletionBp: 3928 });
    expect(
      r.leaders.map((l: { userId: number; planCompletionBp: number | null; targetedCallsToday: number }) => [
        l.userId,
        l.planCompletionBp,
        l.targetedCallsToday,
      ]),
    ).toEqual([
      [B, 7500, 0],
      [A, 2500, 1],
    ]);
    expect((await apiAs(w, 'headOther').get('/api/widgets/region')).body).toMatchObject({
      regions: ['Приморский край'],
      planKopecks: 0,
      factKopecks: 0,
      leaders: [{ userId: world.users.managerC.id }],
    });
    expect((await apiAs(w, 'managerA').get('/api/widgets/region')).status).toBe(403);
  });
});

describe('who may read widget data across origins', () => {
  test('only the 1C origins the admin allowed (FRAME_ANCESTORS) get a CORS header; no answer is cached or sniffed', async () => {
    const { secret } = await createToken(w, await sessionCookie(w, 'managerA'), 'embed');
    const read = (origin: string) => w.fetch(`/api/widgets/month?t=${encodeURIComponent(secret)}`, { headers: { origin } });
    const allowed = await read('http://1c.localhost');
    expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([200, 'http://1c.localhost']);
    const stranger = await read('https://evil.example');
    expect([stranger.status, stranger.headers.get('access-control-allow-origin')]).toEqual([200, null]);
    expect(stranger.headers.get('vary')).toMatch(/Origin/);
    for (const res of [allowed, stranger]) {
      expect([res.headers.get('cache-control'), res.headers.get('x-content-type-options')]).toEqual(['no-store', 'nosniff']);
    }
    // Every API answer with personal data says the same, the client list and a card included.
    const manager = await sessionCookie(w, 'managerA');
    for (const path of ['/api/companies', `/api/companies/${world.companies.ofA}`, '/app/clients']) {
      const res = await w.fetch(path, { headers: { cookie: manager } });
      expect([path, res.status, res.headers.get('cache-control'), res.headers.get('x-content-type-options')]).toEqual([
        path,
        200,
        'no-store',
        'nosniff',
      ]);
    }
  });
});
