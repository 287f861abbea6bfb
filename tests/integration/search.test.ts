import { apiAs } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world, type UserKey } from '../helpers/world';

/**
 * The one search (header box, /api/search, /app/clients?q=) on the fixed world: Кровля А (101, manager
 * A, contact Иван Петров, +7 495 123-45-67, ivan@krovlya.ru), Профлист Б (102, manager B), the Moscow
 * pool (103) and Приморье С (104, manager C in region 2), plus one client manager A creates here the
 * way the card does, with a contact whose phone carries an extension.
 */
let w: TestWorker;
let created: number;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  const res = await apiAs(w, 'managerA').post('/api/companies', {
    name: 'ООО «Ромашка-Трубопрокат»',
    inn: '7736050003',
    kpp: '773601001',
    regionId: 1,
    contacts: [{ name: 'Светлана Ёлкина', phones: ['+7 (812) 600-12-34 доб. 204'], emails: ['S.Elkina@Romashka-Truby.RU'] }],
  });
  if (res.status !== 201) throw new Error(`company create answered ${res.status}: ${JSON.stringify(res.body)}`);
  created = res.body.company.id;
});
afterAll(() => w?.dispose());

const search = async (who: UserKey, q: string) => {
  const res = await apiAs(w, who).get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return res.body.items as { id: number; name: string; matchedBy: string }[];
};
const ids = async (who: UserKey, q: string) => (await search(who, q)).map((c) => c.id);

describe('a phone in any format', () => {
  test.each(['+7 495 123-45-67', '8 (495) 1234567', '4951234567', '+7 495 123-45-67 доб. 15', 'тел.: 8-495-123-45-67'])(
    '%s finds Кровля А',
    async (q) => {
      const items = await search('managerA', q);
      expect(items.map((c) => [c.id, c.matchedBy])).toEqual([[world.companies.ofA, 'phone']]);
    },
  );

  test('the stored extension does not get in the way: 8 812 600 12 34 finds the new client', async () => {
    expect(await ids('managerA', '8 812 600 12 34')).toEqual([created]);
  });

  test('a part of the digits (the last seven, typed with dashes) finds it too', async () => {
    const items = await search('managerA', '123-45-67');
    expect(items.map((c) => [c.id, c.matchedBy])).toEqual([[world.companies.ofA, 'phone']]);
  });
});

describe('names, contacts, e-mails, ИНН', () => {
  test('a fragment inside a word of the name', async () => {
    expect(await ids('managerA', 'ровл')).toEqual([world.companies.ofA]);
    expect(await ids('managerA', 'ТРУБОПРОК')).toEqual([created]);
  });

  test('a contact name, whole, by its start, or a fragment; ё typed as е', async () => {
    expect(await ids('managerA', 'Иван Петров')).toEqual([world.companies.ofA]);
    expect(await ids('managerA', 'петр')).toEqual([world.companies.ofA]);
    expect(await ids('managerA', 'етров')).toEqual([world.companies.ofA]);
    expect(await ids('managerA', 'елкина')).toEqual([created]);
  });

  test('an e-mail, whole (any case) or a part of it', async () => {
    expect((await search('managerA', 'IVAN@krovlya.ru')).map((c) => [c.id, c.matchedBy])).toEqual([[world.companies.ofA, 'email']]);
    expect(await ids('managerA', 'romashka-truby')).toEqual([created]);
  });

  test('an ИНН whole, or a fragment of it from the middle', async () => {
    expect((await search('managerA', '7707083893')).map((c) => [c.id, c.matchedBy])).toEqual([[world.companies.ofA, 'inn']]);
    expect((await search('managerA', '708389')).map((c) => [c.id, c.matchedBy])).toEqual([[world.companies.ofA, 'inn']]);
  });

  test('names starting with the query come before names that hold it', async () => {
    const res = await apiAs(w, 'admin').post('/api/companies', { name: 'Кровельный центр', regionId: 1 });
    expect(res.status).toBe(201);
    expect((await search('admin', 'кров')).map((c) => c.name)).toEqual(['Кровельный центр', 'ООО "Кровля А"']);
    expect((await search('admin', 'ровл')).map((c) => c.name)).toEqual(['ООО "Кровля А"']);
  });

  test('a query longer than D1 allows in a LIKE pattern is answered, not refused', async () => {
    expect(await ids('managerA', 'Ромашка-Трубопрокат поставка металлопроката по Московской области')).toEqual([]);
  });
});

describe('scoped by who asks', () => {
  test("a manager finds his own clients and his region's pool, not a colleague's or another region's", async () => {
    expect(await ids('managerA', 'пул москва')).toEqual([world.companies.poolMsk]);
    expect(await ids('managerA', 'рофлис')).toEqual([]);
    for (const q of ['римор', 'Приморье', '2536010140', '253601']) expect(await ids('managerA', q)).toEqual([]);
  });

  test('a head finds his regions only; the admin everything', async () => {
    expect(await ids('headA', 'рофлис')).toEqual([world.companies.ofB]);
    expect(await ids('headA', 'римор')).toEqual([]);
    expect(await ids('headOther', 'римор')).toEqual([world.companies.ofC]);
    expect(await ids('admin', 'римор')).toEqual([world.companies.ofC]);
  });
});

describe('/app/clients?q= uses the same search', () => {
  const listPage = async (who: UserKey, q: string) => {
    const res = await w.fetch(`/app/clients?q=${encodeURIComponent(q)}`, {
      headers: { cookie: await sessionCookie(w, who), accept: 'text/html' },
    });
    expect(res.status).toBe(200);
    return res.text();
  };

  test('a word fragment, a phone typed the Russian way and a contact name', async () => {
    for (const q of ['ровл', '8 (495) 123-45-67', 'Петров']) {
      const html = await listPage('managerA', q);
      expect(html).toContain('/app/clients/101');
      expect(html).not.toContain('/app/clients/102');
    }
  });

  test("the list stays scoped: manager A's query for Приморье С lists nobody", async () => {
    const html = await listPage('managerA', 'римор');
    expect(html).not.toContain('/app/clients/104');
    expect(html).toContain('Никого не нашлось');
  });
});
