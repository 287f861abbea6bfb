import type { ImportRow, ImportRowResult } from '../../schema/contracts';
import { apiAs } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const A = () => apiAs(w, 'managerA');
const enc = encodeURIComponent;

// Requisites as they stand on real letterheads: ООО «Яндекс» and ПАО «МТС» (ИНН/КПП and the switchboard).
const YANDEX = { inn: '7736207543', kpp: '770401001' };
const MTS = { inn: '7740000076', kpp: '770901001' };

describe('a company entered with labeled ИНН and phones', () => {
  let id: number;

  test('is created with the ИНН, the КПП and the phones read out of their labels', async () => {
    const res = await A().post('/api/companies', {
      name: 'ООО «Яндекс»',
      inn: `ИНН/КПП ${YANDEX.inn}/${YANDEX.kpp}`,
      regionId: world.regions.msk,
      contacts: [
        {
          name: 'Отдел закупок',
          phones: ['Тел.: +7\u00a0(495)\u00a0739\u201170\u201100 (доб. 204)', 'моб.: 8 916 123 45 67 #12'],
          emails: [],
        },
      ],
    });

    expect(res.status).toBe(201);
    id = res.body.company.id;
    expect(res.body.company).toMatchObject({ inn: YANDEX.inn, kpp: YANDEX.kpp });
    expect(res.body.company.contacts[0].points).toEqual([
      { kind: 'phone', value: '+74957397000', extension: '204' },
      { kind: 'phone', value: '+79161234567', extension: '12' },
    ]);
  });

  test('the collision check finds it by an ИНН with spaces and by a phone with its label', async () => {
    const byInn = await A().get(`/api/collisions?inn=${enc(`ИНН ${YANDEX.inn.slice(0, 4)} ${YANDEX.inn.slice(4)}`)}`);
    const byPhone = await A().get(`/api/collisions?phone=${enc('тел./факс 8 495 739 70 00')}`);

    expect(byInn.body.matches).toEqual([expect.objectContaining({ by: 'inn', value: YANDEX.inn, companyId: id })]);
    expect(byPhone.body.matches).toEqual([expect.objectContaining({ by: 'phone', value: '+74957397000', companyId: id })]);
  });

  test('the caller lookup finds it by a number pasted with its label and extension', async () => {
    const res = await A().get(`/api/lookup?phone=${enc('Тел.: 8\u00a0(495)\u00a0739\u221270\u221200, доб. 204')}`);

    expect(res.body).toMatchObject({ phone: '+74957397000', known: true, companyId: id });
  });

  test('a second company with the same ИНН/КПП written another way is refused', async () => {
    const res = await A().post('/api/companies', {
      name: 'Яндекс (дубль)',
      inn: `ИНН: ${YANDEX.inn}, КПП: ${YANDEX.kpp}`,
      regionId: world.regions.msk,
    });

    expect(res.status).toBe(409);
    expect(res.body.error.details.collisions[0]).toMatchObject({ by: 'inn', companyId: id });
  });

  test('search finds it by a labeled ИНН and by a pasted phone with extension', async () => {
    for (const q of [`ИНН ${YANDEX.inn}`, 'Тел.: +7 (495) 739\u201270\u201200 доб. 204']) {
      const res = await A().get(`/api/search?q=${enc(q)}`);
      expect(res.body.items.map((c: { id: number }) => c.id)).toEqual([id]);
    }
  });

  test('an edit takes "ИНН … КПП …" in the ИНН field', async () => {
    const res = await A().patch(`/api/companies/${id}`, { inn: `ИНН ${MTS.inn} КПП ${MTS.kpp}` });

    expect(res.status).toBe(200);
    const row = await w.db.prepare('SELECT inn, kpp FROM companies WHERE id = ?').bind(id).first();
    expect(row).toEqual(MTS);
  });

  test('an ИНН of region 00 is named as invalid', async () => {
    const res = await A().post('/api/companies', { name: 'Нулевой регион', inn: 'ИНН 0012345673', regionId: world.regions.msk });

    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([expect.objectContaining({ field: 'body.inn' })]);
  });
});

describe('an import with labeled ИНН and phone cells', () => {
  const rows: ImportRow[] = [
    {
      rowNo: 2,
      name: 'ПАО «Аэрофлот»',
      inn: 'ИНН/КПП 7712040126/770101001',
      phone: 'Тел.: +7 (495) 223-55-55 (доб. 3); тел./факс 8\u2009495\u2009223\u221255\u221256',
    },
    { rowNo: 3, name: 'ПАО «Лукойл»', inn: 'ИНН 7708 004 767', kpp: 'КПП 770801001', phone: 'т. 8 (495) 627-44-44 #100' },
  ];

  test('creates the companies with ИНН, КПП and phones read out of the cells', async () => {
    const opened = await A().post('/api/imports', {
      fileName: 'реквизиты.xlsx',
      regionId: world.regions.msk,
      mapping: { Наименование: 'name', 'ИНН/КПП': 'inn', КПП: 'kpp', Телефон: 'phone' },
      totalRows: rows.length,
    });
    expect(opened.status).toBe(201);

    const res = await A().post(`/api/imports/${opened.body.id}/commit`, { rows });

    expect(res.status).toBe(200);
    const results = res.body.rows as ImportRowResult[];
    expect(results.map((r) => [r.rowNo, r.outcome])).toEqual([
      [2, 'new'],
      [3, 'new'],
    ]);
    const stored = await w.db
      .prepare(
        `SELECT c.inn, c.kpp, group_concat(p.value || coalesce(' доб. ' || p.extension, ''), ', ') AS phones
           FROM companies c JOIN contact_points p ON p.company_id = c.id WHERE c.id IN (?, ?) GROUP BY c.id ORDER BY c.id`,
      )
      .bind(results[0]!.companyId, results[1]!.companyId)
      .all();
    expect(stored.results).toEqual([
      { inn: '7712040126', kpp: '770101001', phones: '+74952235555 доб. 3, +74952235556' },
      { inn: '7708004767', kpp: '770801001', phones: '+74956274444 доб. 100' },
    ]);
  });
});
