import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

type List = { items: { id: number; ownerName: string | null }[]; nextAfter: number | null };
const list = async (who: Parameters<typeof sessionCookie>[1], query = '') =>
  (await (await w.fetch(`/api/companies${query}`, { headers: { cookie: await sessionCookie(w, who) } })).json()) as List;

describe('company scoping', () => {
  test("a manager sees his own companies and his region pool, not a colleague's", async () => {
    expect((await list('managerA')).items.map((c) => c.id)).toEqual([world.companies.ofA, world.companies.poolMsk]);
    expect((await list('managerB')).items.map((c) => c.id)).toEqual([world.companies.ofB, world.companies.poolMsk]);
  });

  test('a head sees his regions, the admin everything', async () => {
    expect((await list('headA')).items.map((c) => c.id)).toEqual([101, 102, 103]);
    expect((await list('headOther')).items.map((c) => c.id)).toEqual([104]);
    expect((await list('admin')).items.map((c) => c.id)).toEqual([101, 102, 103, 104]);
  });

  test('search by name prefix ignores legal form, quotes and case; by ИНН exactly', async () => {
    expect((await list('admin', '?q=' + encodeURIComponent('кровля'))).items.map((c) => c.id)).toEqual([101]);
    expect((await list('admin', '?q=7702070139')).items.map((c) => c.id)).toEqual([102]);
    expect((await list('managerA', '?q=7702070139')).items).toEqual([]);
  });

  test('pages by keyset until the last one', async () => {
    const first = await list('admin', '?limit=3');
    expect(first.items.map((c) => c.id)).toEqual([101, 102, 103]);
    expect(first.nextAfter).toBe(103);
    const second = await list('admin', '?limit=3&after=103');
    expect(second).toEqual({ items: [expect.objectContaining({ id: 104 })], nextAfter: null });
  });

  test('the card carries contacts with their phones and e-mails, and the view is audit-logged', async () => {
    const cookie = await sessionCookie(w, 'managerA');
    const res = await w.fetch(`/api/companies/${world.companies.ofA}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    const card = (await res.json()) as { ownerName: string; contacts: { name: string; points: { kind: string; value: string }[] }[] };
    expect(card.ownerName).toBe('Анна Менеджер');
    expect(card.contacts).toEqual([
      {
        id: 201,
        name: 'Иван Петров',
        position: 'Снабженец',
        points: [
          { kind: 'phone', value: '+74951234567', extension: null },
          { kind: 'email', value: 'ivan@krovlya.ru', extension: null },
        ],
      },
    ]);
    const audit = await w.db
      .prepare(
        "SELECT user_id, principal FROM audit_log WHERE action = 'view' AND entity = 'company' AND entity_id = '101' ORDER BY id DESC",
      )
      .first<{ user_id: number; principal: string }>();
    expect(audit).toEqual({ user_id: world.users.managerA.id, principal: 'session:manager' });
  });

  test('a merged-away company answers 404 like a missing one', async () => {
    await w.db.prepare('UPDATE companies SET merged_into_id = 101 WHERE id = 102').run();
    try {
      expect((await w.fetch('/api/companies/102', { headers: { cookie: await sessionCookie(w, 'admin') } })).status).toBe(404);
      expect((await list('admin')).items.map((c) => c.id)).toEqual([101, 103, 104]);
    } finally {
      await w.db.prepare('UPDATE companies SET merged_into_id = NULL WHERE id = 102').run();
    }
  });
});
