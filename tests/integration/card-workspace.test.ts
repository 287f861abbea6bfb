import { apiAs, count } from '../helpers/api';
import { TEST_NOW, wallClock } from '../helpers/clock';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * The client card as a workspace (issue 17): a lead opened from the composer with what the client
 * wants and the stage it stands at, a contact corrected in place (PATCH /api/contacts/:id), and a
 * mail logged by hand with its text shown in the timeline like an ingested mail's snippet.
 */
let w: TestWorker;
const A = world.companies.ofA;

beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  // Борис's client has a contact with a phone, so A typing it on his own contact collides.
  await w.db.batch([
    w.db.prepare("INSERT INTO contacts (id, company_id, name, created_at) VALUES (202, 102, 'Пётр Сидоров', 0)"),
    w.db.prepare("INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (202, 102, 'phone', '+74959876543')"),
    w.db.prepare("INSERT INTO contacts (id, company_id, name, created_at) VALUES (203, 101, 'Ольга Бухгалтер', 0)"),
    w.db.prepare("INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (203, 101, 'phone', '+74951112233')"),
    w.db.prepare("INSERT INTO contacts (id, company_id, name, created_at) VALUES (204, 103, 'Пул Контакт', 0)"),
  ]);
});
afterAll(() => w?.dispose());

/** A POST with an Idempotency-Key, as the composer sends each form. */
async function postWithKey(path: string, body: unknown, key: string) {
  const res = await w.fetch(path, {
    method: 'POST',
    headers: { cookie: await sessionCookie(w, 'managerA'), 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const cardHtml = async (id: number) =>
  (await w.fetch(`/app/clients/${id}`, { headers: { cookie: await sessionCookie(w, 'managerA'), accept: 'text/html' } })).text();

describe('POST /api/leads from the composer: a subject and a stage', () => {
  test('opens at the chosen open stage, named by client and subject; the move says who opened it and why', async () => {
    const res = await apiAs(w, 'managerA').post('/api/leads', {
      companyId: A,
      subject: '  Кровля на склад,   1200 м² ',
      stageId: 'qualified',
      amountKopecks: 48_000_000,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      companyId: A,
      stageId: 'qualified',
      stageName: 'Потребность выявлена',
      subject: 'Кровля на склад, 1200 м²',
      name: 'ООО "Кровля А" — Кровля на склад, 1200 м²',
      amountKopecks: 48_000_000,
      ownerId: world.users.managerA.id,
      why: 'Анна Менеджер вручную: создан менеджером',
    });
    expect(res.body.history).toEqual([expect.objectContaining({ fromStageId: null, toStageId: 'qualified', cause: 'user', at: TEST_NOW })]);
    const change = await w.db
      .prepare('SELECT cause, user_id, reason FROM stage_changes WHERE lead_id = ?')
      .bind(res.body.id)
      .first<{ cause: string; user_id: number; reason: string }>();
    expect(change).toEqual({ cause: 'user', user_id: world.users.managerA.id, reason: 'создан менеджером' });

    // The card names it by its subject and shows its stage.
    const card = await apiAs(w, 'managerA').get(`/api/companies/${A}/card`);
    expect(card.body.openLeads).toEqual([
      expect.objectContaining({ id: res.body.id, subject: 'Кровля на склад, 1200 м²', stageId: 'qualified' }),
    ]);
    const html = await cardHtml(A);
    expect(html).toContain('<td data-label="Интерес"><span translate="no">ООО &quot;Кровля А&quot; — Кровля на склад, 1200 м²</span></td>');
    expect(html).toMatch(
      /Кровля на склад, 1200 м²<\/span><\/td><td data-label="Этап"><span translate="no">Потребность выявлена<\/span><\/td>/,
    );
  });

  test('without a stage it opens at the first; without a subject it is named by its origin and day', async () => {
    const res = await apiAs(w, 'managerA').post('/api/leads', { companyId: A, subject: '   ' });
    expect(res.status).toBe(201);
    const [y, m, d] = wallClock(TEST_NOW).slice(0, 10).split('-');
    expect(res.body).toMatchObject({ stageId: 'new', subject: null, name: `ООО "Кровля А" — интерес от ${d}.${m}.${y}` });
  });

  test('a stage that is not open, or not a stage, is a 400 on the field in Russian; so is a subject over 200 characters', async () => {
    const A_ = apiAs(w, 'managerA');
    for (const stageId of ['shipped', 'lost', 'nonsense']) {
      const res = await A_.post('/api/leads', { companyId: A, stageId });
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([{ field: 'body.stageId', message: expect.stringContaining('открытом этапе воронки') }]);
    }
    const shipped = await A_.post('/api/leads', { companyId: A, stageId: 'shipped' });
    expect(shipped.body.error.fields[0].message).toContain('а не на «Отгружено»');
    const long = await A_.post('/api/leads', { companyId: A, subject: 'к'.repeat(201) });
    expect(long.status).toBe(400);
    expect(long.body.error.fields[0].field).toBe('body.subject');
    expect(await count(w, "SELECT count(*) AS n FROM leads WHERE stage_id IN ('shipped', 'lost')")).toBe(0);
  });

  test('the same Idempotency-Key twice opens one lead; another region cannot open one here', async () => {
    const body = { companyId: A, subject: 'Водосток, 40 п.м.', stageId: 'proposal' };
    const first = await postWithKey('/api/leads', body, 'lead-key-00001');
    const second = await postWithKey('/api/leads', body, 'lead-key-00001');
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.id).toBe(first.body.id);
    expect(await count(w, "SELECT count(*) AS n FROM leads WHERE subject = 'Водосток, 40 п.м.'")).toBe(1);
    expect((await apiAs(w, 'managerC').post('/api/leads', { companyId: A, subject: 'Чужой' })).status).toBe(404);
  });

  test('deviations name a stuck lead by its subject', async () => {
    await w.db
      .prepare(
        `INSERT INTO leads (id, company_id, region_id, owner_id, stage_id, channel, subject, created_at, stage_entered_at)
         VALUES (777, ?, 1, 4, 'new', 'call', 'Сайдинг на дом', ?, ?)`,
      )
      .bind(A, TEST_NOW - 5 * 3_600_000, TEST_NOW - 5 * 3_600_000)
      .run();
    const deviations = await apiAs(w, 'managerA').get('/api/deviations?kind=stuck');
    expect(deviations.body.items.map((d: { message: string }) => d.message)).toContain(
      'Интерес «ООО "Кровля А" — Сайдинг на дом» дольше срока на этапе «Новое обращение»',
    );
    const today = await apiAs(w, 'managerA').get('/api/today');
    expect(today.body.items.find((i: { key: string }) => i.key === 'lead:777')).toMatchObject({
      kind: 'stuck_lead',
      leadName: 'ООО "Кровля А" — Сайдинг на дом',
      title: 'Новое обращение',
    });
  });
});

describe('PATCH /api/contacts/:id corrects a contact', () => {
  test('name, position and the full lists: phones in any Russian spelling to E.164, blanks ignored, search follows', async () => {
    const res = await apiAs(w, 'managerA').patch('/api/contacts/201', {
      name: 'Иван Петрович Петров',
      position: '',
      phones: ['8 (495) 765-43-21 доб. 12', ''],
      emails: ['', 'Ivan.Petrov@Krovlya.ru'],
    });
    expect(res.status).toBe(200);
    expect(res.body.contacts.find((c: { id: number }) => c.id === 201)).toEqual({
      id: 201,
      name: 'Иван Петрович Петров',
      position: null,
      points: [
        { kind: 'phone', value: '+74957654321', extension: '12' },
        { kind: 'email', value: 'ivan.petrov@krovlya.ru', extension: null },
      ],
    });
    expect(await count(w, "SELECT count(*) AS n FROM contact_points WHERE value IN ('+74951234567', 'ivan@krovlya.ru')")).toBe(0);
    expect(
      await count(
        w,
        "SELECT count(*) AS n FROM audit_log WHERE entity = 'company' AND entity_id = '101' AND details LIKE '%edit_contact%'",
      ),
    ).toBe(1);
    // The header search finds the client by the new phone typed three ways and by the new name, not by the old phone.
    const A_ = apiAs(w, 'managerA');
    for (const q of ['+7 495 765-43-21', '8 (495) 7654321', '765-43-21', 'Петрович', 'ivan.petrov@krovlya.ru']) {
      const found = await A_.get(`/api/search?q=${encodeURIComponent(q)}`);
      expect({ q, ids: found.body.items.map((i: { id: number }) => i.id) }).toEqual({ q, ids: [A] });
    }
    const old = await A_.get(`/api/search?q=${encodeURIComponent('+7 495 123-45-67')}`);
    expect(old.body.items).toEqual([]);
  });

  test("a left-out field stays; a phone of another company's contact is a 409 naming the holder; nothing changes", async () => {
    const A_ = apiAs(w, 'managerA');
    const renamed = await A_.patch('/api/contacts/203', { position: 'Главный бухгалтер' });
    expect(renamed.status).toBe(200);
    expect(renamed.body.contacts.find((c: { id: number }) => c.id === 203)).toMatchObject({
      name: 'Ольга Бухгалтер',
      position: 'Главный бухгалтер',
      points: [{ kind: 'phone', value: '+74951112233', extension: null }],
    });
    const taken = await A_.patch('/api/contacts/203', { phones: ['+7 495 111-22-33', '8 495 987 65 43'] });
    expect(taken.status).toBe(409);
    expect(taken.body.error.message).toBe('телефон +74959876543 уже есть: клиент, менеджер Борис Менеджер, Москва');
    expect(taken.body.error.details.collisions).toEqual([
      { by: 'phone', value: '+74959876543', exists: true, ownerName: 'Борис Менеджер', regionName: 'Москва' },
    ]);
    // Another contact of the same client holds it: also a 409, this time the caller may open the holder.
    const own = await A_.patch('/api/contacts/203', { phones: ['+7 (495) 765-43-21'] });
    expect(own.status).toBe(409);
    expect(own.body.error.details.collisions[0]).toMatchObject({ by: 'phone', companyId: A, companyName: 'ООО "Кровля А"' });
    expect(await count(w, 'SELECT count(*) AS n FROM contact_points WHERE contact_id = 203')).toBe(1);
  });

  test('two people giving one new number to two contacts at the same moment: one keeps it, the other gets the 409', async () => {
    const phone = '+7 495 555-00-11';
    const [one, other] = await Promise.all([
      apiAs(w, 'managerA').patch('/api/contacts/201', { phones: [phone] }),
      apiAs(w, 'headA').patch('/api/contacts/203', { phones: [phone] }),
    ]);
    expect([one.status, other.status].sort()).toEqual([200, 409]);
    expect(await count(w, "SELECT count(*) AS n FROM contact_points WHERE value = '+74955550011'")).toBe(1);
    // The refused edit changed nothing of its contact.
    const refused = one.status === 409 ? 201 : 203;
    expect(await count(w, `SELECT count(*) AS n FROM contact_points WHERE contact_id = ${refused} AND value = '+74955550011'`)).toBe(0);
    // Back as the tests after this one expect them.
    expect((await apiAs(w, 'managerA').patch('/api/contacts/201', { phones: ['8 (495) 765-43-21 доб. 12'] })).status).toBe(200);
    expect((await apiAs(w, 'managerA').patch('/api/contacts/203', { phones: ['+7 495 111-22-33'] })).status).toBe(200);
  });

  test('a bad phone or e-mail is named at its place in the list; an empty name is refused', async () => {
    const A_ = apiAs(w, 'managerA');
    const bad = await A_.patch('/api/contacts/203', { phones: ['', '+7 495 111-22-33', 'звонить секретарю'], emails: ['nope'] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual([
      { field: 'body.phones.2', message: 'Не похоже на телефон: «звонить секретарю»' },
      { field: 'body.emails.0', message: 'Не похоже на e-mail: «nope»' },
    ]);
    expect((await A_.patch('/api/contacts/203', { name: '' })).status).toBe(400);
    expect((await A_.patch('/api/contacts/203', {})).status).toBe(400);
  });

  test("scoped as adding a contact: another region's manager and a colleague get 404, the head and a pool client's managers may", async () => {
    expect((await apiAs(w, 'managerC').patch('/api/contacts/203', { name: 'Чужой' })).status).toBe(404);
    expect((await apiAs(w, 'managerB').patch('/api/contacts/203', { name: 'Чужой' })).status).toBe(404);
    expect((await apiAs(w, 'headOther').patch('/api/contacts/203', { name: 'Чужой' })).status).toBe(404);
    expect((await apiAs(w, 'managerA').patch('/api/contacts/999999', { name: 'Нет такого' })).status).toBe(404);
    expect((await apiAs(w, 'headA').patch('/api/contacts/203', { name: 'Ольга Петровна' })).status).toBe(200);
    expect((await apiAs(w, 'managerB').patch('/api/contacts/204', { phones: ['8 916 000 12 34'] })).status).toBe(200);
    expect(await count(w, "SELECT count(*) AS n FROM contacts WHERE name = 'Чужой'")).toBe(0);
  });

  test('the card offers «Изменить» on each contact with its form filled in', async () => {
    const html = await cardHtml(A);
    expect(html).toContain('data-edit-contact="203"');
    expect(html).toMatch(/<form class="contact-edit" data-contact-form="203" hidden=""/);
    expect(html).toContain('value="Ольга Петровна"');
    // As the card prints it (no-break spaces), which the normaliser reads back as typed.
    expect(html).toMatch(/id="c201-phone-0" name="phone" type="tel" value="\+7\s495\s765-43-21\sдоб\.\s12"/u);
  });
});

describe('a mail logged from the composer carries its text', () => {
  test("its new part is the event's snippet, shown in the timeline like an ingested mail's", async () => {
    const text = [
      'Добрый день, Иван!',
      '',
      'Высылаю КП на кровлю склада, 1200 м². Цена действует до конца месяца.',
      '',
      '05.12.2026, 10:15, Иван Петров <ivan@krovlya.ru>:',
      '> Пришлите, пожалуйста, КП.',
    ].join('\n');
    const res = await postWithKey(
      `/api/companies/${A}/events`,
      { kind: 'mail', direction: 'out', subject: 'КП на кровлю', text },
      'mail-key-0001',
    );
    expect(res.status).toBe(201);
    const snippet = 'Добрый день, Иван! Высылаю КП на кровлю склада, 1200 м². Цена действует до конца месяца.';
    const stored = await w.db
      .prepare("SELECT json_extract(details, '$.snippet') AS snippet FROM events WHERE id = ?")
      .bind(res.body.eventId)
      .first<{ snippet: string }>();
    expect(stored?.snippet).toBe(snippet);
    const card = await apiAs(w, 'managerA').get(`/api/companies/${A}/card`);
    expect(card.body.timeline.find((e: { id: number }) => e.id === res.body.eventId)).toMatchObject({
      kind: 'mail',
      subject: 'КП на кровлю',
      snippet,
    });
    expect(await cardHtml(A)).toContain(`<div class="snippet" translate="no">${snippet}</div>`);
  });

  test('a long text keeps its first 500 characters; a note ignores a text', async () => {
    const res = await postWithKey(
      `/api/companies/${A}/events`,
      { kind: 'mail', direction: 'in', subject: 'Длинное', text: 'Смета. '.repeat(200) },
      'mail-key-0002',
    );
    const stored = await w.db
      .prepare("SELECT json_extract(details, '$.snippet') AS snippet FROM events WHERE id = ?")
      .bind(res.body.eventId)
      .first<{ snippet: string }>();
    expect(stored!.snippet.length).toBe(500);
    expect(stored!.snippet.startsWith('Смета. Смета.')).toBe(true);
    const note = await postWithKey(`/api/companies/${A}/events`, { kind: 'note', subject: 'Заметка', text: 'лишнее' }, 'note-key-0003');
    const noteRow = await w.db
      .prepare("SELECT json_extract(details, '$.snippet') AS snippet FROM events WHERE id = ?")
      .bind(note.body.eventId)
      .first<{ snippet: string | null }>();
    expect(noteRow?.snippet).toBeNull();
  });
});
