import { withoutNames } from '../helpers/interface-text';
import type { ImportRow, ImportRowResult, ImportView, PreviewRowResult } from '../../schema/contracts';
import { completeInn } from '../../schema/domain/inn';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, sessionCookie, world, type UserKey } from '../helpers/world';

let w: TestWorker;
const cookies = {} as Record<UserKey, string>;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  for (const key of Object.keys(world.users) as UserKey[]) cookies[key] = await sessionCookie(w, key);
});
afterAll(() => w?.dispose());

const NEW_INN = completeInn('500100732');
const OTHER_NEW_INN = completeInn('770812345');

async function call(who: UserKey, method: string, path: string, body?: unknown) {
  const res = await w.fetch(path, {
    method,
    headers: { cookie: cookies[who], ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

async function openImport(who: UserKey, totalRows: number, extra: Record<string, unknown> = {}): Promise<number> {
  const res = await call(who, 'POST', '/api/imports', {
    fileName: 'клиенты.xlsx',
    regionId: world.regions.msk,
    mapping: { Наименование: 'name', ИНН: 'inn' },
    totalRows,
    ...extra,
  });
  expect(res.status).toBe(201);
  return res.json().id as number;
}

const COUNTED = ['companies', 'contacts', 'contact_points', 'events', 'import_rows'] as const;
async function tableCounts(): Promise<Record<(typeof COUNTED)[number], number>> {
  const out = {} as Record<(typeof COUNTED)[number], number>;
  for (const table of COUNTED) out[table] = (await w.db.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;
  return out;
}

const outcomes = (rows: { rowNo: number; outcome: string }[]) => Object.fromEntries(rows.map((r) => [r.rowNo, r.outcome]));
const byRow = <T extends { rowNo: number }>(rows: T[], rowNo: number) => rows.find((r) => r.rowNo === rowNo)!;

/** Manager A's spreadsheet against the fixed world: one row of every kind. */
const sheet: ImportRow[] = [
  {
    rowNo: 2,
    name: 'ООО «Новая Сталь»',
    inn: NEW_INN,
    phone: '+7 916 000-00-01',
    contact: 'Пётр Сидоров',
    position: 'Директор',
    comment: 'Просил КП на профлист',
  },
  { rowNo: 3, name: 'Кровля А', inn: '7707083893', contact: 'Сергей Кузнецов', phone: '8 916 000-00-02' },
  { rowNo: 4, name: 'Кровля', phone: '8 (495) 123-45-67', email: 'Snab@Krovlya.ru' },
  { rowNo: 5, name: 'Профлист Б', inn: '7702070139' },
  { rowNo: 6, name: 'Пул Москва', inn: '7728168971' },
  { rowNo: 7, name: 'Другая фирма', inn: OTHER_NEW_INN, email: 'ivan@krovlya.ru' },
  { rowNo: 8, name: 'Плохой ИНН', inn: '1234567890' },
  { rowNo: 9, inn: completeInn('770812346') },
  { rowNo: 10, name: 'Новая Сталь', inn: NEW_INN, contact: 'Анна Белова', comment: 'Второй склад в Подольске' },
  { rowNo: 11, name: 'Без телефона', phone: '12-34' },
];

describe('a manager imports his spreadsheet', () => {
  let importId: number;
  let committed: ImportRowResult[];

  test('the preview sorts every row and writes nothing', async () => {
    importId = await openImport('managerA', sheet.length);
    const before = await tableCounts();

    const res = await call('managerA', 'POST', `/api/imports/${importId}/preview`, { rows: sheet });

    expect(res.status).toBe(200);
    const rows = res.json().rows as PreviewRowResult[];
    expect(outcomes(rows)).toEqual({
      2: 'new',
      3: 'duplicate',
      4: 'duplicate',
      5: 'other_owner',
      6: 'other_owner',
      7: 'duplicate',
      8: 'invalid',
      9: 'invalid',
      10: 'duplicate',
      11: 'invalid',
    });
    expect(byRow(rows, 3)).toMatchObject({ companyId: world.companies.ofA, reason: expect.stringContaining('Совпадает ИНН') });
    expect(byRow(rows, 5)).toEqual({
      rowNo: 5,
      outcome: 'other_owner',
      ownerName: 'Борис Менеджер',
      reason: 'Клиент менеджера Борис Менеджер (Москва)',
    });
    expect(byRow(rows, 6).reason).toContain('пуле региона «Москва»');
    expect(byRow(rows, 7)).toMatchObject({
      companyId: world.companies.ofA,
      reason: expect.stringContaining('E-mail ivan@krovlya.ru уже есть у клиента'),
    });
    expect(byRow(rows, 8).reason).toBe('ИНН не прошёл проверку контрольной суммы (10 цифр для организации, 12 для ИП и физлица)');
    expect(byRow(rows, 9).reason).toBe('Не указано название клиента');
    expect(byRow(rows, 10).reason).toContain('Повтор клиента из строки 2');
    expect(byRow(rows, 11).reason).toBe('Не похоже на телефон: «12-34»');
    expect(await tableCounts()).toEqual(before);
  });

  test('the commit writes new clients, merges repeats and reports the rest', async () => {
    const res = await call('managerA', 'POST', `/api/imports/${importId}/commit`, { rows: sheet });

    expect(res.status).toBe(200);
    committed = res.json().rows as ImportRowResult[];
    expect(outcomes(committed)).toEqual({
      2: 'new',
      3: 'merged',
      4: 'merged',
      5: 'other_owner',
      6: 'other_owner',
      7: 'duplicate',
      8: 'invalid',
      9: 'invalid',
      10: 'merged',
      11: 'invalid',
    });
    const created = byRow(committed, 2).companyId!;
    expect(byRow(committed, 10).companyId).toBe(created);
    expect(byRow(committed, 3).companyId).toBe(world.companies.ofA);

    const company = await w.db.prepare('SELECT name, inn, region_id, owner_id, status FROM companies WHERE id = ?').bind(created).first();
    expect(company).toEqual({
      name: 'ООО «Новая Сталь»',
      inn: NEW_INN,
      region_id: 1,
      owner_id: world.users.managerA.id,
      status: 'prospect',
    });
    const people = await w.db
      .prepare(`SELECT k.name, k.position, group_concat(p.value) AS points FROM contacts k
      LEFT JOIN contact_points p ON p.contact_id = k.id WHERE k.company_id = ? GROUP BY k.id ORDER BY k.id`)
      .bind(created)
      .all();
    expect(people.results).toEqual([
      { name: 'Пётр Сидоров', position: 'Директор', points: '+79160000001' },
      { name: 'Анна Белова', position: null, points: null },
    ]);
    const ofA = await w.db
      .prepare(`SELECT k.name, group_concat(p.value) AS points FROM contacts k
      LEFT JOIN contact_points p ON p.contact_id = k.id WHERE k.company_id = 101 GROUP BY k.id ORDER BY k.id`)
      .all();
    expect(ofA.results).toEqual([
      { name: 'Иван Петров', points: '+74951234567,ivan@krovlya.ru,snab@krovlya.ru' },
      { name: 'Сергей Кузнецов', points: '+79160000002' },
    ]);
    const found = await w.db.prepare("SELECT rowid FROM company_search WHERE company_search MATCH 'сталь'").all<{ rowid: number }>();
    expect(found.results.map((r) => r.rowid)).toEqual([created]);
    const untouched = await w.db.prepare('SELECT count(*) AS n FROM contacts WHERE company_id IN (102, 103, 104)').first<{ n: number }>();
    expect(untouched!.n).toBe(0);
  });

  test('comment cells become note events of the client, by the importer', async () => {
    const notes = await w.db
      .prepare(
        "SELECT external_id, company_id, user_id, region_id, subject, details FROM events WHERE kind = 'note' AND source = 'import' ORDER BY external_id",
      )
      .all();
    const created = byRow(committed, 2).companyId;
    expect(notes.results).toEqual([
      {
        external_id: `import:${importId}:10`,
        company_id: created,
        user_id: world.users.managerA.id,
        region_id: 1,
        subject: 'Второй склад в Подольске',
        details: JSON.stringify({ fileName: 'клиенты.xlsx', rowNo: 10 }),
      },
      {
        external_id: `import:${importId}:2`,
        company_id: created,
        user_id: world.users.managerA.id,
        region_id: 1,
        subject: 'Просил КП на профлист',
        details: JSON.stringify({ fileName: 'клиенты.xlsx', rowNo: 2 }),
      },
    ]);
  });

  test('sending the same chunk again changes nothing and answers the stored outcomes', async () => {
    const before = await tableCounts();

    const res = await call('managerA', 'POST', `/api/imports/${importId}/commit`, { rows: sheet });

    expect(res.status).toBe(200);
    expect(await tableCounts()).toEqual(before);
    expect(outcomes(res.json().rows)).toEqual(outcomes(committed));
    expect(byRow(res.json().rows as ImportRowResult[], 2).companyId).toBe(byRow(committed, 2).companyId);
  });

  test('every row of the file has exactly one stored outcome, and the import can be finished', async () => {
    const stored = await w.db
      .prepare('SELECT row_no, count(*) AS n FROM import_rows WHERE import_id = ? GROUP BY row_no ORDER BY row_no')
      .bind(importId)
      .all<{ row_no: number; n: number }>();
    expect(stored.results.map((r) => r.row_no)).toEqual(sheet.map((r) => r.rowNo));
    expect(stored.results.every((r) => r.n === 1)).toBe(true);

    const view = (await call('managerA', 'GET', `/api/imports/${importId}`)).json() as ImportView;
    expect(view).toMatchObject({
      totalRows: 10,
      committedRows: 10,
      state: 'open',
      counts: { new: 1, merged: 3, duplicate: 1, other_owner: 2, invalid: 3 },
    });
    const finished = await call('managerA', 'POST', `/api/imports/${importId}/finish`);
    expect(finished.status).toBe(200);
    expect(finished.json().state).toBe('done');
  });

  test('the result file has a header and one line per row, outcomes in Russian', async () => {
    const res = await w.fetch(`/api/imports/${importId}/result.csv`, { headers: { cookie: cookies.managerA } });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(sheet.length + 1);
    expect(lines[0]).toBe(
      'Строка;Результат;Причина;ID клиента;Клиент;Наименование;ИНН;КПП;Телефон;E-mail;Контактное лицо;Должность;Регион;Комментарий',
    );
    expect(lines[1]).toBe(
      `2;Импортирована;;${byRow(committed, 2).companyId};ООО «Новая Сталь»;ООО «Новая Сталь»;="${NEW_INN}";;+7 916 000-00-01;;Пётр Сидоров;Директор;;Просил КП на профлист`,
    );
    expect(lines.slice(1).map((l) => l.split(';')[1])).toEqual([
      'Импортирована',
      'Объединена с существующей',
      'Объединена с существующей',
      'Клиент другого менеджера',
      'Клиент другого менеджера',
      'Дубликат',
      'Ошибка',
      'Ошибка',
      'Объединена с существующей',
      'Ошибка',
    ]);
    // Manager B's company is named in the reason only as "whose", never by its card.
    expect(lines[4]).toBe('5;Клиент другого менеджера;Клиент менеджера Борис Менеджер (Москва);;;Профлист Б;="7702070139";;;;;;;');
    const audit = await w.db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'export' AND entity = 'import' AND entity_id = ?")
      .bind(String(importId))
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  test('a manager whose language is English gets the file in English, whatever his browser asks', async () => {
    expect((await call('managerA', 'PATCH', '/api/me', { lang: 'en' })).status).toBe(200);
    try {
      const res = await w.fetch(`/api/imports/${importId}/result.csv`, {
        headers: { cookie: cookies.managerA, 'accept-language': 'ru-RU,ru;q=0.9' },
      });
      expect(res.status).toBe(200);
      expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('— import result.csv');
      const lines = (await res.text())
        .replace(/^\uFEFF/, '')
        .split('\r\n')
        .filter(Boolean);
      expect(lines[0]).toBe('Row;Outcome;Reason;Client ID;Client;Name;INN;KPP;Phone;E-mail;Contact person;Position;Region;Comment');
      expect([...new Set(lines.slice(1).map((l) => l.split(';')[1]))].sort()).toEqual([
        'Another manager’s client',
        'Duplicate',
        'Error',
        'Imported',
        'Merged with an existing client',
      ]);
      // The reasons as the check wrote them in English (import_rows.reason_en); names stay as stored.
      expect(lines[4]!.split(';').slice(0, 3)).toEqual(['5', 'Another manager’s client', 'Client of manager Борис Менеджер (Москва)']);
      // Nothing Russian in them but data: the names of clients, people and regions.
      const names = (
        await w.db.prepare('SELECT name FROM companies UNION SELECT name FROM users UNION SELECT name FROM regions').all<{ name: string }>()
      ).results.map((r) => r.name);
      const reasons = lines.slice(1).map((l) => l.split(';')[2]!.replace(/^"|"$/g, '').replace(/""/g, '"'));
      expect(reasons.filter((r) => /[а-яё]/i.test(withoutNames(r, names)))).toEqual([]);
      expect(reasons.filter(Boolean).length).toBeGreaterThan(4);
    } finally {
      expect((await call('managerA', 'PATCH', '/api/me', { lang: 'ru' })).status).toBe(200);
    }
  });

  test('a finished import takes no more rows', async () => {
    const res = await call('managerA', 'POST', `/api/imports/${importId}/commit`, { rows: [{ rowNo: 50, name: 'Поздно' }] });
    expect(res.status).toBe(409);
    expect(res.json().error.message).toBe('Импорт уже завершён: начните новый');
  });
});

describe('rows of one file that share an ИНН', () => {
  test('the first creates the client, a later chunk merges into it', async () => {
    const inn = completeInn('771234567');
    const id = await openImport('managerA', 2);
    const first = await call('managerA', 'POST', `/api/imports/${id}/commit`, {
      rows: [{ rowNo: 2, name: 'ООО Альфа', inn, comment: 'первая' }],
    });
    const second = await call('managerA', 'POST', `/api/imports/${id}/commit`, {
      rows: [{ rowNo: 3, name: 'Альфа', inn, contact: 'Ольга', comment: 'вторая' }],
    });

    const created = first.json().rows[0];
    expect(created).toMatchObject({ outcome: 'new' });
    expect(second.json().rows[0]).toMatchObject({ outcome: 'merged', companyId: created.companyId });
    const n = await w.db.prepare('SELECT count(*) AS n FROM companies WHERE inn = ?').bind(inn).first<{ n: number }>();
    expect(n!.n).toBe(1);
    const notes = await w.db
      .prepare("SELECT count(*) AS n FROM events WHERE source = 'import' AND company_id = ?")
      .bind(created.companyId)
      .first<{ n: number }>();
    expect(notes!.n).toBe(2);
  });

  test('the same chunk sent twice at once is written once', async () => {
    const id = await openImport('managerA', 3);
    const rows = [
      { rowNo: 2, name: 'Бета', inn: completeInn('771234568'), phone: '+7 916 111-11-11' },
      { rowNo: 3, name: 'Гамма', inn: completeInn('771234569'), email: 'gamma@example.ru', comment: 'звонить после 14:00' },
      { rowNo: 4, name: 'Дельта', inn: completeInn('771234570') },
    ];
    const before = await tableCounts();

    const [a, b] = await Promise.all([1, 2].map(() => call('managerA', 'POST', `/api/imports/${id}/commit`, { rows })));

    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect(outcomes(a!.json().rows)).toEqual({ 2: 'new', 3: 'new', 4: 'new' });
    expect(a!.json().rows.map((r: ImportRowResult) => r.companyId)).toEqual(b!.json().rows.map((r: ImportRowResult) => r.companyId));
    const after = await tableCounts();
    expect({
      companies: after.companies - before.companies,
      points: after.contact_points - before.contact_points,
      events: after.events - before.events,
      rows: after.import_rows - before.import_rows,
    }).toEqual({ companies: 3, points: 2, events: 1, rows: 3 });
  });
});

describe('a head imports for one of his managers', () => {
  test('a pool client of the region is merged and given to that manager; another manager’s is reported', async () => {
    const id = await openImport('headA', 2, { ownerId: world.users.managerA.id });
    const res = await call('headA', 'POST', `/api/imports/${id}/commit`, {
      rows: [
        { rowNo: 2, name: 'Пул Москва', inn: '7728168971', contact: 'Лидия' },
        { rowNo: 3, name: 'Профлист Б', inn: '7702070139' },
      ],
    });

    expect(res.json().rows).toEqual([
      expect.objectContaining({
        rowNo: 2,
        outcome: 'merged',
        companyId: world.companies.poolMsk,
        reason: expect.stringContaining('закрепляется'),
      }),
      // The head may open manager B's card, so he is told which company it is.
      expect.objectContaining({ rowNo: 3, outcome: 'other_owner', companyId: world.companies.ofB, ownerName: 'Борис Менеджер' }),
    ]);
    const pool = await w.db
      .prepare('SELECT owner_id FROM companies WHERE id = ?')
      .bind(world.companies.poolMsk)
      .first<{ owner_id: number }>();
    expect(pool!.owner_id).toBe(world.users.managerA.id);
    await w.db.prepare('UPDATE companies SET owner_id = NULL WHERE id = ?').bind(world.companies.poolMsk).run();
  });

  test('the owner must be a manager of that region', async () => {
    const res = await call('headA', 'POST', '/api/imports', {
      fileName: 'x.csv',
      regionId: world.regions.msk,
      ownerId: world.users.managerC.id,
      mapping: {},
      totalRows: 1,
    });
    expect(res.status).toBe(400);
    expect(res.json().error.fields).toEqual([
      { field: 'body.ownerId', message: 'Ответственный должен быть активным менеджером этого региона' },
    ]);
  });
});

describe('reasons', () => {
  test('follow the caller’s language, while the result file keeps them in Russian', async () => {
    const id = await openImport('managerA', 1);
    const rows = [{ rowNo: 2, name: 'Плохой ИНН', inn: '1234567890' }];
    const headers = { cookie: cookies.managerA, 'content-type': 'application/json', 'accept-language': 'en-US,en;q=0.9' };

    const res = await w.fetch(`/api/imports/${id}/commit`, { method: 'POST', headers, body: JSON.stringify({ rows }) });

    expect(((await res.json()) as { rows: ImportRowResult[] }).rows[0]!.reason).toBe(
      'The INN fails its checksum (10 digits for an organisation, 12 for a person)',
    );
    const csv = await (await w.fetch(`/api/imports/${id}/result.csv`, { headers })).text();
    expect(csv).toContain('2;Ошибка;ИНН не прошёл проверку контрольной суммы (10 цифр для организации, 12 для ИП и физлица);');
  });
});

describe('who may use an import', () => {
  test('a manager cannot import into another region', async () => {
    const res = await call('managerA', 'POST', '/api/imports', {
      fileName: 'x.csv',
      regionId: world.regions.vvo,
      mapping: {},
      totalRows: 1,
    });
    expect(res.status).toBe(403);
    expect(res.json().error.message).toBe('Этот регион не в вашей зоне: загружать клиентов можно только в свои регионы');
  });

  test('a manager’s import is always his own, whatever owner he asks for', async () => {
    const res = await call('managerA', 'POST', '/api/imports', {
      fileName: 'x.csv',
      regionId: world.regions.msk,
      ownerId: world.users.managerB.id,
      mapping: {},
      totalRows: 1,
    });
    expect(res.status).toBe(403);
    const own = await openImport('managerA', 1, { ownerId: null });
    expect((await call('managerA', 'GET', `/api/imports/${own}`)).json().ownerId).toBe(world.users.managerA.id);
  });

  test('nobody but its creator can read or use an import, not even his head', async () => {
    const id = await openImport('managerA', 1);
    const chunk = { rows: [{ rowNo: 2, name: 'Чужой импорт' }] };
    for (const who of ['managerB', 'headA', 'admin'] as const) {
      const answers = await Promise.all([
        call(who, 'GET', `/api/imports/${id}`),
        call(who, 'POST', `/api/imports/${id}/preview`, chunk),
        call(who, 'POST', `/api/imports/${id}/commit`, chunk),
        call(who, 'GET', `/api/imports/${id}/result.csv`),
        call(who, 'POST', `/api/imports/${id}/finish`),
      ]);
      expect(answers.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
      expect(answers[0]!.json().error.message).toBe('Импорт не найден');
    }
    expect((await tableCounts()).import_rows).toBe((await w.db.prepare('SELECT count(*) AS n FROM import_rows').first<{ n: number }>())!.n);
    const stored = await w.db.prepare('SELECT count(*) AS n FROM import_rows WHERE import_id = ?').bind(id).first<{ n: number }>();
    expect(stored!.n).toBe(0);
  });
});

describe('an import keeps count of its rows', () => {
  test('it cannot be finished while rows are missing', async () => {
    const id = await openImport('managerA', 3);
    await call('managerA', 'POST', `/api/imports/${id}/commit`, { rows: [{ rowNo: 2, name: 'Эпсилон' }] });

    const res = await call('managerA', 'POST', `/api/imports/${id}/finish`);

    expect(res.status).toBe(409);
    expect(res.json().error.message).toBe('Загружено 1 из 3 строк: отправьте оставшиеся, затем завершите импорт');
  });

  test('it refuses more rows than the file declared', async () => {
    const id = await openImport('managerA', 1);
    const res = await call('managerA', 'POST', `/api/imports/${id}/commit`, {
      rows: [
        { rowNo: 2, name: 'Дзета' },
        { rowNo: 3, name: 'Эта' },
      ],
    });
    expect(res.status).toBe(400);
    expect(await w.db.prepare('SELECT count(*) AS n FROM import_rows WHERE import_id = ?').bind(id).first<{ n: number }>()).toEqual({
      n: 0,
    });
  });

  test('a chunk of more than 1000 rows or with a repeated row number is refused whole', async () => {
    const id = await openImport('managerA', 1);
    const big = Array.from({ length: 1001 }, (_, i) => ({ rowNo: i + 2, name: `Фирма ${i}` }));
    expect((await call('managerA', 'POST', `/api/imports/${id}/preview`, { rows: big })).status).toBe(400);
    const repeated = await call('managerA', 'POST', `/api/imports/${id}/preview`, {
      rows: [
        { rowNo: 2, name: 'А' },
        { rowNo: 2, name: 'Б' },
      ],
    });
    expect(repeated.status).toBe(400);
    expect(repeated.json().error.fields[0].message).toBe('Номера строк повторяются / Row numbers repeat');
  });
});
