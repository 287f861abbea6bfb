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

const NOW = TEST_NOW;
const TABLES = ['contacts', 'contact_points', 'events', 'leads', 'tasks', 'onec_documents', 'stage_changes', 'companies'] as const;
const totals = async () =>
  Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await count(w, `SELECT count(*) AS n FROM ${t}`)])));

/** A duplicate of company 101 in region 1 with a bit of everything attached. */
async function duplicateWithHistory(id: number, ownerId: number | null) {
  const s = (sql: string, ...a: unknown[]) => w.db.prepare(sql).bind(...a);
  await w.db.batch([
    s(
      "INSERT INTO companies (id, name, name_normalized, inn, kpp, region_id, owner_id, status, onec_ref, created_at, updated_at) VALUES (?, 'Кровля А (дубль)', 'кровля а (дубль)', NULL, NULL, 1, ?, 'client', ?, 0, 0)",
      id,
      ownerId,
      `ref-${id}`,
    ),
    s("INSERT INTO contacts (id, company_id, name, created_at) VALUES (?, ?, 'Дубль Контакт', 0)", id * 10, id),
    s(
      "INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (?, ?, 'phone', ?)",
      id * 10,
      id,
      `+7916${String(id).padStart(7, '0')}`,
    ),
    s(
      "INSERT INTO events (kind, source, external_id, occurred_at, company_id, contact_id, user_id, direction, duration_sec, call_result, created_at) VALUES ('call', 'manual', ?, ?, ?, ?, 4, 'in', 40, 'answered', 0)",
      `m-${id}`,
      NOW - 3600_000,
      id,
      id * 10,
    ),
    s(
      "INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel, created_at, stage_entered_at) VALUES (?, ?, 1, ?, 'qualified', 100000, 'call', 0, 0)",
      id * 10,
      id,
      ownerId,
    ),
    s("INSERT INTO stage_changes (lead_id, from_stage_id, to_stage_id, at, cause) VALUES (?, NULL, 'qualified', 0, 'user')", id * 10),
    s(
      "INSERT INTO tasks (user_id, company_id, lead_id, kind, title, due_at, created_at) VALUES (?, ?, ?, 'follow_up', 'Перезвонить', ?, 0)",
      ownerId ?? 4,
      id,
      id * 10,
      NOW + 3600_000,
    ),
    s(
      "INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, data_version, company_id, amount_kopecks, updated_at) VALUES (?, 'invoice', '1', '2026-11-20T10:00:00', ?, 1, 'v1', ?, 100000, 0)",
      `doc-${id}`,
      NOW - 86_400_000,
      id,
    ),
  ]);
}

describe('merging companies', () => {
  test('moves every row to the survivor, leaves a redirect, loses nothing', async () => {
    await duplicateWithHistory(901, world.users.managerA.id);
    const before = await totals();
    const onSourceBefore = await count(w, 'SELECT count(*) AS n FROM events WHERE company_id = 901');
    const res = await apiAs(w, 'headA').post('/api/companies/101/merge', { sourceId: 901 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      survivorId: 101,
      mergedId: 901,
      moved: { contacts: 1, contact_points: 1, events: onSourceBefore, leads: 1, tasks: 1, onec_documents: 1 },
    });
    expect(await totals()).toEqual(before);
    for (const t of ['contacts', 'contact_points', 'events', 'leads', 'tasks', 'onec_documents']) {
      expect(await count(w, `SELECT count(*) AS n FROM ${t} WHERE company_id = 901`)).toBe(0);
    }
    expect(await w.db.prepare('SELECT merged_into_id, onec_ref FROM companies WHERE id = 901').first()).toEqual({
      merged_into_id: 101,
      onec_ref: null,
    });
    expect(await w.db.prepare('SELECT onec_ref FROM companies WHERE id = 101').first()).toEqual({ onec_ref: 'ref-901' });
    expect((await apiAs(w, 'admin').get('/api/companies/901')).status).toBe(404);
    const card = await apiAs(w, 'managerA').get('/api/companies/101/card');
    expect(card.body.contacts.map((c: { name: string }) => c.name)).toContain('Дубль Контакт');
    expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'merge' AND entity_id = '101'")).toBe(1);
  });

  test("a manager may merge his own duplicates, not a colleague's into his", async () => {
    await duplicateWithHistory(902, world.users.managerA.id);
    await duplicateWithHistory(903, world.users.managerB.id);
    expect((await apiAs(w, 'managerA').post('/api/companies/101/merge', { sourceId: 903 })).status).toBe(404);
    expect((await apiAs(w, 'headA').post('/api/companies/101/merge', { sourceId: 101 })).status).toBe(400);
    expect((await apiAs(w, 'managerA').post('/api/companies/101/merge', { sourceId: 902 })).status).toBe(200);
  });

  test('merging contacts moves their phones and events', async () => {
    await w.db.batch([
      w.db.prepare("INSERT INTO contacts (id, company_id, name, created_at) VALUES (950, 101, 'Иван П.', 0)"),
      w.db.prepare("INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (950, 101, 'email', 'i.petrov@krovlya.ru')"),
      w.db.prepare(
        "INSERT INTO events (kind, source, external_id, occurred_at, company_id, contact_id, created_at) VALUES ('mail', 'manual', 'cm-1', 0, 101, 950, 0)",
      ),
    ]);
    const res = await apiAs(w, 'managerA').post('/api/contacts/201/merge', { sourceId: 950 });
    expect(res.body).toEqual({ survivorId: 201, mergedId: 950, moved: { contact_points: 1, events: 1 } });
    expect(await count(w, 'SELECT count(*) AS n FROM contact_points WHERE contact_id = 201')).toBe(3);
    expect(await count(w, "SELECT count(*) AS n FROM events WHERE external_id = 'cm-1' AND contact_id = 201")).toBe(1);
  });
});

describe('ownership', () => {
  test('a manager claims a pool client of his region; the second claim loses', async () => {
    await duplicateWithHistory(910, null);
    const claimed = await apiAs(w, 'managerB').post('/api/companies/910/claim');
    expect(claimed.status).toBe(200);
    expect(claimed.body.ownerId).toBe(world.users.managerB.id);
    expect(await w.db.prepare('SELECT owner_id FROM leads WHERE company_id = 910').first()).toEqual({ owner_id: world.users.managerB.id });
    expect((await apiAs(w, 'managerA').post('/api/companies/910/claim')).status).toBe(404);
    expect((await apiAs(w, 'managerC').post(`/api/companies/${world.companies.poolMsk}/claim`)).status).toBe(404);
  });

  test('an owner releases his client to the pool; a head reassigns with open leads and tasks', async () => {
    await duplicateWithHistory(911, world.users.managerA.id);
    expect((await apiAs(w, 'managerA').put('/api/companies/911/owner', { ownerId: world.users.managerB.id })).status).toBe(403);
    const moved = await apiAs(w, 'headA').put('/api/companies/911/owner', { ownerId: world.users.managerB.id });
    expect(moved.body.ownerId).toBe(world.users.managerB.id);
    expect(await w.db.prepare('SELECT owner_id FROM leads WHERE company_id = 911').first()).toEqual({ owner_id: world.users.managerB.id });
    expect(await w.db.prepare('SELECT user_id FROM tasks WHERE company_id = 911').first()).toEqual({ user_id: world.users.managerB.id });
    const released = await apiAs(w, 'managerB').put('/api/companies/911/owner', { ownerId: null });
    expect(released.body.ownerId).toBeNull();
    expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'assign' AND entity_id = '911'")).toBe(2);
    expect((await apiAs(w, 'headA').put('/api/companies/911/owner', { ownerId: world.users.managerC.id })).status).toBe(400);
  });

  test("hand-over spreads a leaving manager's clients, open leads and tasks over two colleagues", async () => {
    const leaving = 990;
    await w.db.batch([
      w.db.prepare(
        "INSERT INTO users (id, email, name, role, password_hash, time_zone, active, created_at) VALUES (990, 'leaving@test.ru', 'Уходящий', 'manager', 'x', 'Europe/Moscow', 1, 0)",
      ),
      w.db.prepare('INSERT INTO user_regions (user_id, region_id) VALUES (990, 1)'),
    ]);
    for (const id of [920, 921, 922, 923]) await duplicateWithHistory(id, leaving);
    const history = await count(w, 'SELECT count(*) AS n FROM events WHERE company_id IN (920, 921, 922, 923)');
    const res = await apiAs(w, 'headA').post(`/api/users/${leaving}/hand-over`, {
      toUserIds: [world.users.managerA.id, world.users.managerB.id],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ companies: 4, leads: 4, tasks: 4, byUser: { [world.users.managerA.id]: 2, [world.users.managerB.id]: 2 } });
    expect(await count(w, 'SELECT count(*) AS n FROM companies WHERE owner_id = 990')).toBe(0);
    expect(await count(w, 'SELECT count(*) AS n FROM leads WHERE owner_id = 990')).toBe(0);
    expect(await count(w, 'SELECT count(*) AS n FROM tasks WHERE user_id = 990 AND done_at IS NULL')).toBe(0);
    expect(
      await count(
        w,
        'SELECT count(*) AS n FROM leads l JOIN companies c ON c.id = l.company_id WHERE l.company_id IN (920,921,922,923) AND l.owner_id = c.owner_id',
      ),
    ).toBe(4);
    expect(await count(w, 'SELECT count(*) AS n FROM events WHERE company_id IN (920, 921, 922, 923)')).toBe(history);
    expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'hand_over'")).toBe(4);
  });

  test('hand-over is for heads within their regions and to active managers only', async () => {
    expect(
      (await apiAs(w, 'managerA').post(`/api/users/${world.users.managerB.id}/hand-over`, { toUserIds: [world.users.managerA.id] })).status,
    ).toBe(403);
    expect(
      (await apiAs(w, 'headOther').post(`/api/users/${world.users.managerB.id}/hand-over`, { toUserIds: [world.users.managerC.id] }))
        .status,
    ).toBe(404);
    expect(
      (await apiAs(w, 'headA').post(`/api/users/${world.users.managerB.id}/hand-over`, { toUserIds: [world.users.managerC.id] })).status,
    ).toBe(400);
  });
});

describe('the client card', () => {
  test('shows open leads with their next action, last documents, deviations and the timeline', async () => {
    const s = (sql: string, ...a: unknown[]) => w.db.prepare(sql).bind(...a);
    await w.db.batch([
      s(
        "INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at) VALUES (930, 'Карточка', 'карточка', 1, 4, 'client', 0, 0)",
      ),
      // Entered "new" 2 h ago with a 1 h SLA: stuck. No task: the stage hint is the next action.
      s(
        "INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES (9301, 930, 1, 4, 'new', 'call', ?, ?)",
        NOW - 7_200_000,
        NOW - 7_200_000,
      ),
      s(
        "INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at) VALUES (9302, 930, 1, 4, 'invoice', 'onec', ?, ?)",
        NOW - 86_400_000,
        NOW - 3_600_000,
      ),
      s(
        "INSERT INTO tasks (id, user_id, company_id, lead_id, title, due_at, created_at) VALUES (9303, 4, 930, 9302, 'Напомнить об оплате счёта 15', ?, 0)",
        NOW - 600_000,
      ),
      s(
        "INSERT INTO events (kind, source, external_id, occurred_at, company_id, user_id, direction, call_result, duration_sec, created_at) VALUES ('call', 'manual', 'c930-1', ?, 930, 4, 'in', 'missed', 0, 0)",
        NOW - 7_200_000,
      ),
      s(
        "INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, data_version, company_id, amount_kopecks, updated_at) VALUES ('d930-1', 'invoice', 'СЧ-15', '2026-11-20T10:00:00', ?, 1, 'v1', 930, 1234567, 0), ('d930-2', 'invoice', 'СЧ-16', '2026-11-21T10:00:00', ?, 0, 'v2', 930, 999, 0)",
        NOW - 86_400_000,
        NOW - 3_600_000,
      ),
    ]);
    const res = await apiAs(w, 'managerA').get('/api/companies/930/card');
    expect(res.status).toBe(200);
    const card = res.body;
    expect(card.regionName).toBe('Москва');
    expect(
      card.openLeads.map((l: { id: number; stageName: string; nextAction: { title: string; fromTask: boolean } }) => [
        l.id,
        l.stageName,
        l.nextAction.title,
        l.nextAction.fromTask,
      ]),
    ).toEqual([
      [9301, 'Новое обращение', 'Перезвонить в течение часа', false],
      [9302, 'Счёт выставлен', 'Напомнить об оплате счёта 15', true],
    ]);
    expect(card.lastDocuments).toEqual([expect.objectContaining({ kind: 'invoice', number: 'СЧ-15', amountKopecks: 1234567 })]);
    expect(card.deviations.map((d: { kind: string }) => d.kind).sort()).toEqual(['missed_call', 'overdue_task', 'stuck']);
    expect(card.timeline).toEqual([
      expect.objectContaining({ kind: 'call', callResult: 'missed', direction: 'in', userName: 'Анна Менеджер' }),
    ]);
    expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'view' AND entity_id = '930'")).toBe(1);
  });

  test('a refused card view is not recorded as a view', async () => {
    const before = await count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'view' AND entity_id = '930'");
    expect((await apiAs(w, 'managerB').get('/api/companies/930/card')).status).toBe(404);
    expect((await apiAs(w, 'headOther').get('/api/companies/930/card')).status).toBe(404);
    expect(await count(w, "SELECT count(*) AS n FROM audit_log WHERE action = 'view' AND entity_id = '930'")).toBe(before);
  });

  test('a client without an invoice for 24 months is dormant; a returned call clears the missed-call deviation', async () => {
    const s = (sql: string, ...a: unknown[]) => w.db.prepare(sql).bind(...a);
    await w.db.batch([
      s(
        "INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at) VALUES (931, 'Спящий', 'спящий', 1, 4, 'client', 0, 0)",
      ),
      s(
        "INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, data_version, company_id, amount_kopecks, updated_at) VALUES ('d931', 'invoice', '1', '2024-01-10T10:00:00', ?, 1, 'v1', 931, 100, 0)",
        NOW - 25 * 30.5 * 86_400_000,
      ),
      s(
        "INSERT INTO events (kind, source, external_id, occurred_at, company_id, direction, call_result, created_at) VALUES ('call', 'manual', 'c931-1', ?, 931, 'in', 'missed', 0), ('call', 'manual', 'c931-2', ?, 931, 'out', 'answered', 0)",
        NOW - 7_200_000,
        NOW - 3_600_000,
      ),
    ]);
    const card = (await apiAs(w, 'managerA').get('/api/companies/931/card')).body;
    expect(card.deviations.map((d: { kind: string }) => d.kind)).toEqual(['dormant']);
  });
});
