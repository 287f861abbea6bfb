import { apiAs, count } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const A = () => apiAs(w, 'managerA');

describe('creating a company', () => {
  test('a manager creates his own client; phones in any format are stored as E.164, e-mails lower-cased', async () => {
    const res = await A().post('/api/companies', {
      name: 'ООО «Металл-Сервис»',
      inn: '7736050003',
      kpp: '773601001',
      regionId: 1,
      contacts: [
        {
          name: 'Сергей Ёжиков',
          position: 'Снабженец',
          phones: ['8 (912) 345-67-89', '+7 912 345 67 89 доб. 12'],
          emails: [' S.Ezhikov@Metall.RU '],
        },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body.company).toMatchObject({
      name: 'ООО «Металл-Сервис»',
      ownerId: world.users.managerA.id,
      regionId: 1,
      status: 'prospect',
    });
    expect(res.body.company.contacts[0].points).toEqual([
      { kind: 'phone', value: '+79123456789', extension: null },
      { kind: 'email', value: 's.ezhikov@metall.ru', extension: null },
    ]);
    const audit = await count(
      w,
      "SELECT count(*) AS n FROM audit_log WHERE entity = 'company' AND entity_id = ? AND action = 'change'",
      String(res.body.company.id),
    );
    expect(audit).toBe(1);
  });

  test('an exact duplicate by ИНН+КПП is refused, naming the holder', async () => {
    const res = await A().post('/api/companies', { name: 'Кровля (дубль)', inn: '7707083893', kpp: '770101001', regionId: 1 });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('ИНН 7707083893 уже есть: «ООО "Кровля А"», менеджер Анна Менеджер, Москва');
    expect(res.body.error.details.collisions[0]).toMatchObject({
      by: 'inn',
      companyId: 101,
      ownerName: 'Анна Менеджер',
      regionName: 'Москва',
    });
  });

  test('someone who may not see the holder learns only owner and region', async () => {
    const res = await apiAs(w, 'managerC').post('/api/companies', { name: 'Другая', inn: '7707083893', kpp: '770101001', regionId: 2 });
    expect(res.status).toBe(409);
    expect(res.body.error.details.collisions[0]).toEqual({
      by: 'inn',
      value: '7707083893',
      exists: true,
      ownerName: 'Анна Менеджер',
      regionName: 'Москва',
    });
    expect(res.body.error.message).not.toContain('Кровля');
  });

  test('the same ИНН with another КПП is a branch and is allowed', async () => {
    const res = await A().post('/api/companies', { name: 'Кровля А, филиал', inn: '7707083893', kpp: '780201001', regionId: 1 });
    expect(res.status).toBe(201);
  });

  test('a phone already on a client, typed differently, is refused', async () => {
    const res = await A().post('/api/companies', {
      name: 'Новая',
      regionId: 1,
      contacts: [{ name: 'Кто-то', phones: ['8 (495) 123-45-67'] }],
    });
    expect(res.status).toBe(409);
    expect(res.body.error.details.collisions[0]).toMatchObject({ by: 'phone', value: '+74951234567', companyId: 101 });
  });

  test('bad ИНН, КПП, phone and e-mail are each named', async () => {
    const res = await A().post('/api/companies', {
      name: 'ООО',
      inn: '7707083894',
      kpp: '77',
      regionId: 1,
      contacts: [{ name: 'Х', phones: ['12'], emails: ['нет'] }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      'body.contacts.0.emails.0',
      'body.contacts.0.phones.0',
      'body.inn',
      'body.kpp',
      'body.name',
    ]);
    expect(res.body.error.fields.find((f: { field: string }) => f.field === 'body.inn').message).toMatch(/контрольной суммы/);
  });

  test('a same-name company of the region comes back as a likely duplicate, not a refusal', async () => {
    const res = await A().post('/api/companies', { name: 'ЗАО "КРОВЛЯ А"', regionId: 1 });
    expect(res.status).toBe(201);
    expect(res.body.candidates).toEqual([expect.objectContaining({ by: 'name', companyId: 101, ownerName: 'Анна Менеджер' })]);
  });

  test('a manager cannot create in another region or for a colleague', async () => {
    expect((await A().post('/api/companies', { name: 'Чужой регион', regionId: 2 })).status).toBe(403);
    expect((await A().post('/api/companies', { name: 'Для Бориса', regionId: 1, ownerId: world.users.managerB.id })).status).toBe(403);
  });

  test('a head assigns a new company to a manager of the region, not to one of another region', async () => {
    const head = apiAs(w, 'headA');
    expect(
      (await head.post('/api/companies', { name: 'Для Бориса', regionId: 1, ownerId: world.users.managerB.id })).body.company.ownerId,
    ).toBe(world.users.managerB.id);
    expect((await head.post('/api/companies', { name: 'Для Веры', regionId: 1, ownerId: world.users.managerC.id })).status).toBe(400);
  });
});

describe('editing', () => {
  test('changing the ИНН to one held elsewhere is refused; a rename is searchable at once', async () => {
    const created = await A().post('/api/companies', { name: 'Переименуемая', regionId: 1 });
    const id = created.body.company.id;
    expect((await A().patch(`/api/companies/${id}`, { inn: '7702070139', kpp: '770101001' })).status).toBe(409);
    const renamed = await A().patch(`/api/companies/${id}`, { name: 'ООО «Сибирский профиль»' });
    expect(renamed.status).toBe(200);
    expect((await A().get(`/api/search?q=${encodeURIComponent('сибир')}`)).body.items.map((c: { id: number }) => c.id)).toEqual([id]);
  });

  test("a manager cannot edit a colleague's client (it is invisible to him)", async () => {
    expect((await apiAs(w, 'managerB').patch('/api/companies/101', { name: 'Моё' })).status).toBe(404);
  });

  test('a contact whose e-mail belongs to another company is refused', async () => {
    const res = await apiAs(w, 'headA').post('/api/companies/102/contacts', { name: 'Иван', emails: ['IVAN@krovlya.ru'] });
    expect(res.status).toBe(409);
    const ok = await apiAs(w, 'headA').post('/api/companies/102/contacts', { name: 'Ольга Смирнова', phones: ['+7 (383) 222-33-44'] });
    expect(ok.status).toBe(201);
    expect(ok.body.contacts.map((c: { name: string }) => c.name)).toContain('Ольга Смирнова');
  });
});

describe('the collision check anyone may call', () => {
  test('answers only exists, owner and region to someone outside the scope', async () => {
    const res = await apiAs(w, 'managerC').get('/api/collisions?inn=7707083893');
    expect(res.body.matches).toEqual(
      expect.arrayContaining([{ by: 'inn', value: '7707083893', exists: true, ownerName: 'Анна Менеджер', regionName: 'Москва' }]),
    );
  });

  test('finds a phone typed in any format and an e-mail in any case', async () => {
    const byPhone = await apiAs(w, 'managerC').get(`/api/collisions?phone=${encodeURIComponent('8 495 123 45 67')}`);
    expect(byPhone.body.matches).toEqual([
      { by: 'phone', value: '+74951234567', exists: true, ownerName: 'Анна Менеджер', regionName: 'Москва' },
    ]);
    const byEmail = await A().get('/api/collisions?email=Ivan@Krovlya.RU');
    expect(byEmail.body.matches).toEqual([expect.objectContaining({ by: 'email', companyId: 101, companyName: 'ООО "Кровля А"' })]);
  });

  test('answers nothing for an unknown value', async () => {
    expect((await A().get('/api/collisions?inn=500100732259')).body).toEqual({ matches: [] });
  });
});

describe('search', () => {
  test.each([
    ['кровля', 'name prefix, any case'],
    ['КРОВ', 'upper-case prefix'],
    ['7707083893', 'ИНН'],
    ['+7 (495) 123-45-67', 'phone'],
    ['84951234567', 'phone without punctuation'],
    ['IVAN@KROVLYA.RU', 'e-mail'],
    ['петров', 'contact name'],
  ])('finds company 101 by %s (%s)', async (q) => {
    const res = await A().get(`/api/search?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((c: { id: number }) => c.id)).toContain(101);
  });

  test('ё and е are the same letter', async () => {
    const res = await A().get(`/api/search?q=${encodeURIComponent('ежиков')}`);
    expect(res.body.items.map((c: { name: string }) => c.name)).toContain('ООО «Металл-Сервис»');
  });

  test("is scoped: a colleague finds nothing of A's", async () => {
    for (const q of ['кровля', '7707083893', '+74951234567']) {
      expect(
        (await apiAs(w, 'managerB').get(`/api/search?q=${encodeURIComponent(q)}`)).body.items.map((c: { id: number }) => c.id),
      ).not.toContain(101);
    }
  });
});
