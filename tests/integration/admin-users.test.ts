/**
 * The admin's users page API: add a user (his initial password works once shown), edit role /
 * regions / extension / time zone (audited, with old and new values), and the hand-over preview,
 * which names per receiver exactly what the hand-over then moves.
 */
import { apiAs, count } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const admin = () => apiAs(w, 'admin');

describe('adding a user', () => {
  test('the admin adds a manager; the initial password is shown once and signs him in', async () => {
    const res = await admin().post('/api/users', {
      name: 'Дмитрий Новиков',
      email: ' D.Novikov@Test.ru ',
      role: 'manager',
      regionIds: [world.regions.msk],
      phoneExtension: '105',
      timeZone: 'Europe/Moscow',
    });
    expect(res).toEqual({
      status: 201,
      body: { id: expect.any(Number), email: 'd.novikov@test.ru', initialPassword: expect.stringMatching(/^[a-km-zA-HJ-NP-Z2-9]{14}$/) },
    });
    const row = await w.db
      .prepare('SELECT name, role, phone_extension, time_zone, active, password_hash FROM users WHERE id = ?')
      .bind(res.body.id)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ name: 'Дмитрий Новиков', role: 'manager', phone_extension: '105', time_zone: 'Europe/Moscow', active: 1 });
    expect(String(row!['password_hash'])).toMatch(/^pbkdf2\$sha256\$100000\$/);
    expect(String(row!['password_hash'])).not.toContain(res.body.initialPassword);
    expect(await count(w, 'SELECT count(*) AS n FROM user_regions WHERE user_id = ? AND region_id = 1', res.body.id)).toBe(1);

    const signIn = await w.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'd.novikov@test.ru', password: res.body.initialPassword }),
    });
    expect(signIn.status).toBe(200);
    expect(
      await count(
        w,
        "SELECT count(*) AS n FROM audit_log WHERE entity = 'user' AND entity_id = ? AND json_extract(details, '$.op') = 'create'",
        String(res.body.id),
      ),
    ).toBe(1);
  });

  test('a taken e-mail or extension, a manager without a region, an unknown zone are refused with the field named', async () => {
    const base = { name: 'Второй', role: 'manager', regionIds: [1] };
    const taken = await admin().post('/api/users', { ...base, email: world.users.managerA.email });
    expect(taken.status).toBe(400);
    expect(taken.body.error.fields).toEqual([{ field: 'body.email', message: 'Этот e-mail уже есть у другого пользователя' }]);
    const ext = await admin().post('/api/users', { ...base, email: 'ext@test.ru', phoneExtension: '101' });
    expect(ext.body.error.fields[0].field).toBe('body.phoneExtension');
    const noRegion = await admin().post('/api/users', { ...base, email: 'noregion@test.ru', regionIds: [] });
    expect(noRegion.body.error.fields).toEqual([{ field: 'body.regionIds', message: 'Укажите хотя бы один регион' }]);
    const zone = await admin().post('/api/users', { ...base, email: 'zone@test.ru', timeZone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(await count(w, "SELECT count(*) AS n FROM users WHERE email IN ('ext@test.ru', 'noregion@test.ru', 'zone@test.ru')")).toBe(0);
    expect((await apiAs(w, 'headA').post('/api/users', { ...base, email: 'byhead@test.ru' })).status).toBe(403);
  });
});

describe('editing a user', () => {
  test('role, regions, extension and time zone change together, and the audit keeps old and new', async () => {
    const id = world.users.managerC.id;
    const res = await admin().patch(`/api/users/${id}`, {
      role: 'head',
      regionIds: [world.regions.vvo, world.regions.msk],
      phoneExtension: '299',
      timeZone: 'Asia/Vladivostok',
    });
    expect(res).toEqual({ status: 200, body: { id, changed: ['role', 'regionIds', 'phoneExtension'] } });
    const users = (await admin().get('/api/users')).body.items as {
      id: number;
      role: string;
      regionIds: number[];
      phoneExtension: string;
    }[];
    expect(users.find((u) => u.id === id)).toMatchObject({ role: 'head', regionIds: [1, 2], phoneExtension: '299' });
    const audit = await w.db
      .prepare("SELECT details FROM audit_log WHERE entity = 'user' AND entity_id = ? AND json_extract(details, '$.op') = 'edit'")
      .bind(String(id))
      .first<{ details: string }>();
    expect(JSON.parse(audit!.details).changes).toEqual({
      role: { from: 'manager', to: 'head' },
      regionIds: { from: [2], to: [1, 2] },
      phoneExtension: { from: '201', to: '299' },
    });
    // The same again changes nothing and writes nothing.
    expect((await admin().patch(`/api/users/${id}`, { role: 'head', phoneExtension: '299' })).body).toEqual({ id, changed: [] });
  });

  test('the admin cannot change his own role; an extension of someone else is refused', async () => {
    const self = await admin().patch(`/api/users/${world.users.admin.id}`, { role: 'manager', regionIds: [1] });
    expect(self.body.error.fields[0].field).toBe('body.role');
    const ext = await admin().patch(`/api/users/${world.users.managerB.id}`, { phoneExtension: '101' });
    expect(ext.body.error.fields[0].field).toBe('body.phoneExtension');
  });
});

describe('hand-over preview', () => {
  test('names per receiver the clients, open leads and open tasks the hand-over then moves to him', async () => {
    const leaving = 90;
    const s = (sql: string, ...args: unknown[]) => w.db.prepare(sql).bind(...args);
    await w.db.batch([
      s(
        "INSERT INTO users (id, email, name, role, password_hash, time_zone, active, created_at) VALUES (?, 'leaving@test.ru', 'Уходящий Иванов', 'manager', 'x', 'Europe/Moscow', 1, 0)",
        leaving,
      ),
      s('INSERT INTO user_regions (user_id, region_id) VALUES (?, 1)', leaving),
      ...[901, 902, 903, 904, 905].map((id) =>
        s(
          "INSERT INTO companies (id, name, name_normalized, region_id, owner_id, status, created_at, updated_at) VALUES (?, ?, ?, 1, ?, 'client', 0, 0)",
          id,
          `Клиент ${id}`,
          `клиент ${id}`,
          leaving,
        ),
      ),
      // Open leads on 901 and 902, a closed one on 903 (it stays); open tasks on 901, 903, 905 and one done (it stays).
      ...[
        [801, 901, null],
        [802, 902, null],
        [803, 903, 5],
      ].map(([id, company, closed]) =>
        s(
          "INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, created_at, stage_entered_at, closed_at) VALUES (?, ?, 1, ?, 'new', 'manual', 0, 0, ?)",
          id,
          company,
          leaving,
          closed,
        ),
      ),
      ...[
        [701, 901, null],
        [702, 903, null],
        [703, 905, null],
        [704, 905, 9],
      ].map(([id, company, done]) =>
        s(
          "INSERT INTO tasks (id, user_id, company_id, title, due_at, done_at, created_at) VALUES (?, ?, ?, 'Позвонить', 0, ?, 0)",
          id,
          leaving,
          company,
          done,
        ),
      ),
    ]);
    const A = world.users.managerA.id;
    const B = world.users.managerB.id;
    const preview = await apiAs(w, 'headA').get(`/api/users/${leaving}/hand-over/preview?to=${A},${B}`);
    // Round-robin by company id over [A, B]: even ids to A, odd to B; leads and tasks follow their company.
    expect(preview).toEqual({
      status: 200,
      body: {
        companies: 5,
        leads: 2,
        tasks: 3,
        byUser: [
          { userId: A, name: 'Анна Менеджер', companies: 2, leads: 1, tasks: 0 },
          { userId: B, name: 'Борис Менеджер', companies: 3, leads: 1, tasks: 3 },
        ],
      },
    });
    // Nothing moved by looking.
    expect(await count(w, 'SELECT count(*) AS n FROM companies WHERE owner_id = ?', leaving)).toBe(5);

    const done = await apiAs(w, 'headA').post(`/api/users/${leaving}/hand-over`, { toUserIds: [A, B] });
    expect(done.body).toEqual({ companies: 5, leads: 2, tasks: 3, byUser: { [A]: 2, [B]: 3 } });
    for (const u of preview.body.byUser) {
      expect({
        userId: u.userId,
        companies: await count(w, 'SELECT count(*) AS n FROM companies WHERE owner_id = ? AND id BETWEEN 901 AND 905', u.userId),
        leads: await count(w, 'SELECT count(*) AS n FROM leads WHERE owner_id = ? AND id BETWEEN 801 AND 803', u.userId),
        tasks: await count(w, 'SELECT count(*) AS n FROM tasks WHERE user_id = ? AND id BETWEEN 701 AND 704', u.userId),
      }).toEqual({ userId: u.userId, companies: u.companies, leads: u.leads, tasks: u.tasks });
    }
  });

  test('a receiver who is not an active manager of the region is refused, as the hand-over refuses him', async () => {
    const res = await admin().get(`/api/users/${world.users.managerB.id}/hand-over/preview?to=${world.users.headA.id}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('body.toUserIds');
  });
});
