import { pushOnec } from '../helpers/onec-push';
import { apiAs, count } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

type Item = Record<string, unknown>;
const EMPTY = '00000000-0000-0000-0000-000000000000';
const KROVLYA_REF = '5e0a1c3e-8b3d-11ee-9c1a-00155d0a1f01';

async function push(items: Item[]): Promise<{ status: number; results: { refKey: string; outcome: string; reason?: string }[] }> {
  const res = await pushOnec(w, items);
  const json = (await res.json()) as { results: { refKey: string; outcome: string; reason?: string }[] };
  return { status: res.status, results: json.results };
}

const doc = (entity: string, ref: string, version: string, fields: Item): Item => ({
  'odata.type': `StandardODATA.${entity}`,
  Ref_Key: ref,
  DataVersion: version,
  DeletionMark: false,
  Posted: true,
  Контрагент_Key: KROVLYA_REF,
  ДокументОснование: EMPTY,
  ДокументОснование_Type: 'StandardODATA.Undefined',
  ...fields,
});
const ORDER = 'aaaaaaaa-0000-0000-0000-000000000001';
const INVOICE = 'aaaaaaaa-0000-0000-0000-000000000002';
const order = doc('Document_ЗаказКлиента', ORDER, 'v1', { Number: 'УТ-00001234', Date: '2026-11-20T10:15:00', СуммаДокумента: 248730.45 });
const invoice = doc('Document_СчетНаОплатуКлиенту', INVOICE, 'v1', {
  Number: 'УТ-17',
  Date: '2026-11-20T12:00:00',
  СуммаДокумента: 248730.45,
  ДокументОснование: ORDER,
  ДокументОснование_Type: 'StandardODATA.Document_ЗаказКлиента',
});
const payment = (ref: string, entity: string, sum: number, date: string) =>
  doc(entity, ref, 'v1', {
    Number: `П-${ref.slice(-2)}`,
    Date: date,
    СуммаДокумента: sum,
    РасшифровкаПлатежа: [{ LineNumber: '1', Заказ: INVOICE, Заказ_Type: 'StandardODATA.Document_СчетНаОплатуКлиенту', Сумма: sum }],
  });
const shipment = (version: string, posted: boolean) =>
  doc('Document_РеализацияТоваровУслуг', 'aaaaaaaa-0000-0000-0000-000000000005', version, {
    Number: 'РТ-9',
    Date: '2026-11-23T09:00:00',
    СуммаДокумента: 248730.45,
    Posted: posted,
    ДокументОснование: ORDER,
    ДокументОснование_Type: 'StandardODATA.Document_ЗаказКлиента',
  });

describe('1C documents drive one lead through the funnel', () => {
  let leadId: number;

  test('the counterparty is matched to the existing client by ИНН+КПП', async () => {
    const res = await push([
      {
        'odata.type': 'StandardODATA.Catalog_Контрагенты',
        Ref_Key: KROVLYA_REF,
        DataVersion: 'c1',
        DeletionMark: false,
        Description: 'Кровля А',
        Наименование: 'Кровля А',
        НаименованиеПолное: 'ООО "Кровля А"',
        ИНН: '7707083893',
        КПП: '770101001',
      },
    ]);
    expect(res.results).toEqual([{ refKey: KROVLYA_REF, outcome: 'stored' }]);
    expect(await w.db.prepare('SELECT onec_ref FROM companies WHERE id = 101').first()).toEqual({ onec_ref: KROVLYA_REF });
    leadId = (await apiAs(w, 'managerA').post('/api/leads', { companyId: world.companies.ofA })).body.id;
  });

  test('order → invoice → partial payment → full payment → shipment, each move caused by its document', async () => {
    const stage = async () => (await apiAs(w, 'managerA').get(`/api/leads/${leadId}`)).body;
    await push([order]);
    expect((await stage()).stageId).toBe('order');
    await push([invoice]);
    expect((await stage()).stageId).toBe('invoice');
    await push([
      payment('aaaaaaaa-0000-0000-0000-000000000003', 'Document_ПоступлениеБезналичныхДенежныхСредств', 100000, '2026-11-21T10:00:00'),
    ]);
    const partial = await stage();
    expect(partial).toMatchObject({ stageId: 'invoice', invoicedKopecks: 24873045, paidKopecks: 10000000 });
    await push([payment('aaaaaaaa-0000-0000-0000-000000000004', 'Document_ПриходныйКассовыйОрдер', 148730.45, '2026-11-22T10:00:00')]);
    expect(await stage()).toMatchObject({ stageId: 'paid', paidKopecks: 24873045 });
    await push([shipment('v1', true)]);
    const won = await stage();
    expect(won).toMatchObject({ stageId: 'shipped', closedAt: expect.any(Number) });
    expect(won.history.map((h: { toStageId: string; cause: string }) => `${h.toStageId}:${h.cause}`)).toEqual([
      'new:user',
      'order:event',
      'invoice:event',
      'paid:event',
      'shipped:event',
    ]);
    expect(won.history[1].causeText).toBe('Заказ клиента УТ-00001234 от 20.11.2026');
    expect(won.why).toBe('Реализация РТ-9 от 23.11.2026');
    expect(await w.db.prepare('SELECT status FROM companies WHERE id = 101').first()).toEqual({ status: 'client' });
    expect(await count(w, 'SELECT count(*) AS n FROM onec_documents WHERE lead_id = ?', leadId)).toBe(5);
  });

  test('the same document twice changes nothing', async () => {
    const before = [await count(w, 'SELECT count(*) AS n FROM events'), await count(w, 'SELECT count(*) AS n FROM stage_changes')];
    const again = await push([shipment('v1', true), invoice]);
    expect(again.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
    expect([await count(w, 'SELECT count(*) AS n FROM events'), await count(w, 'SELECT count(*) AS n FROM stage_changes')]).toEqual(before);
  });

  test('unposting the shipment moves the lead back to paid, recorded as a recompute', async () => {
    await push([shipment('v2', false)]);
    const card = (await apiAs(w, 'managerA').get(`/api/leads/${leadId}`)).body;
    expect(card).toMatchObject({ stageId: 'paid', closedAt: null });
    expect(card.history.at(-1)).toMatchObject({
      toStageId: 'paid',
      cause: 'recompute',
      causeText: 'Пересчёт: Реализация РТ-9 распроведён в 1С',
    });
  });

  test('a document of an unknown counterparty is kept with its reason and applies once the counterparty arrives', async () => {
    const stranger = '77777777-0000-0000-0000-000000000001';
    const lone = doc('Document_СчетНаОплатуКлиенту', '77777777-0000-0000-0000-000000000002', 'v1', {
      Number: 'УТ-99',
      Date: '2026-11-24T10:00:00',
      СуммаДокумента: 5000,
      Контрагент_Key: stranger,
    });
    const first = await push([lone]);
    expect(first.results[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('не найден') });
    expect(
      await w.db
        .prepare("SELECT outcome, reason FROM inbox WHERE external_id = '77777777-0000-0000-0000-000000000002:v1' ORDER BY id DESC")
        .first(),
    ).toMatchObject({ outcome: 'rejected', reason: expect.stringContaining('Catalog_Контрагенты') });
    await push([
      {
        'odata.type': 'StandardODATA.Catalog_Контрагенты',
        Ref_Key: stranger,
        DataVersion: 'c1',
        DeletionMark: false,
        Наименование: 'Новый Клиент',
        НаименованиеПолное: 'ООО "Новый Клиент"',
        ИНН: '500100732259',
        КПП: '',
      },
    ]);
    const replay = await push([lone]);
    expect(replay.results[0]!.outcome).toBe('stored');
    const created = await w.db
      .prepare(
        'SELECT c.status, c.owner_id, l.stage_id, l.channel FROM companies c JOIN leads l ON l.company_id = c.id WHERE c.onec_ref = ?',
      )
      .bind(stranger)
      .first();
    expect(created).toEqual({ status: 'client', owner_id: null, stage_id: 'invoice', channel: 'onec' });
  });

  test('a malformed document is kept in the inbox with its reason while the rest of the batch goes through', async () => {
    const bad = { 'odata.type': 'StandardODATA.Document_ЗаказКлиента', Ref_Key: 'bbbbbbbb-0000-0000-0000-000000000001', DataVersion: 'v1' };
    const good = doc('Document_ЗаказКлиента', 'bbbbbbbb-0000-0000-0000-000000000002', 'v1', {
      Number: 'УТ-2',
      Date: '2026-11-25T10:00:00',
      СуммаДокумента: 10,
    });
    const res = await push([bad, good]);
    expect(res.status).toBe(200);
    expect(res.results.map((r) => r.outcome)).toEqual(['rejected', 'stored']);
    expect(
      await w.db
        .prepare("SELECT outcome FROM inbox WHERE external_id LIKE 'bbbbbbbb-0000-0000-0000-000000000001%' ORDER BY id DESC")
        .first(),
    ).toEqual({ outcome: 'rejected' });
  });
});
