import { count } from '../helpers/api';
import { pushOnecBody } from '../helpers/onec-push';
import { loadOnecFixture, loadOnecMetadata, runCron, startOnecServer, type OnecServer } from '../helpers/onec-server';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

/**
 * One client, two deals: two ЗаказКлиента open two leads, and each invoice, payment and shipment
 * that follows lands on its own deal — read from a УТ 11.4 base (payment rows name `Заказ`) and
 * from a УТ 11.5 one (rows name `ОбъектРасчетов_Key` / `ОснованиеПлатежа`, shipments only
 * `ЗаказКлиента`). The "latest open lead" fallback would put the first deal's money on the second.
 */
type Item = Record<string, unknown>;
const EMPTY = '00000000-0000-0000-0000-000000000000';
const MINUTE = 60_000;
const CLIENT = '7c3f0a10-9b1e-11ee-9c1a-00155d0a1f01';
const ref = (n: number) => `d${String(n).padStart(7, '0')}-51a8-11f1-8c2a-00155d0a1f01`;
const [O1, O2, I1, I2, P1, P2, S1] = [1, 2, 3, 4, 5, 6, 7].map(ref) as [string, string, string, string, string, string, string];
const ORDER_TYPE = 'StandardODATA.Document_ЗаказКлиента';
const INVOICE_TYPE = 'StandardODATA.Document_СчетНаОплатуКлиенту';

const counterparty = (fields: Item = {}): Item => ({
  ...loadOnecFixture('Catalog_Контрагенты')[0]!,
  Ref_Key: CLIENT,
  Description: 'ТехноСтрой',
  НаименованиеПолное: 'ООО «ТехноСтрой»',
  ИНН: '7704500123',
  КПП: '770401001',
  ...fields,
});
const doc = (entity: string, refKey: string, number: string, date: string, sum: number, fields: Item = {}): Item => ({
  ...loadOnecFixture(entity)[0]!,
  Ref_Key: refKey,
  Number: number,
  Date: date,
  Контрагент_Key: CLIENT,
  Валюта_Key: EMPTY,
  СуммаДокумента: sum,
  ...fields,
});
const basis = (refKey: string, type: string) => ({ ДокументОснование: refKey, ДокументОснование_Type: type });
const NO_BASIS = basis(EMPTY, 'StandardODATA.Undefined');

/** The two deals as a base of `release` holds them. */
function base(release: '11.4' | '11.5'): Record<string, Item[]> {
  const payment = (refKey: string, number: string, date: string, sum: number, row: Item) =>
    doc('Document_ПоступлениеБезналичныхДенежныхСредств', refKey, number, date, sum, {
      ...NO_BASIS,
      РасшифровкаПлатежа: [{ LineNumber: '1', Сумма: sum, ...row }],
    });
  const payments =
    release === '11.4'
      ? [
          payment(P1, 'УТ-00000501', '2026-11-24T09:00:00', 120000, { Заказ: I1, Заказ_Type: INVOICE_TYPE }),
          payment(P2, 'УТ-00000502', '2026-11-24T11:00:00', 30000, { Заказ: O2, Заказ_Type: ORDER_TYPE }),
        ]
      : [
          // The settlement object of the first deal only; the second names its invoice as the basis.
          payment(P1, 'УТ-00000501', '2026-11-24T09:00:00', 120000, {
            ОбъектРасчетов_Key: O1,
            ОснованиеПлатежа: EMPTY,
            ОснованиеПлатежа_Type: 'StandardODATA.Undefined',
          }),
          payment(P2, 'УТ-00000502', '2026-11-24T11:00:00', 30000, {
            ОбъектРасчетов_Key: O2,
            ОснованиеПлатежа: I2,
            ОснованиеПлатежа_Type: INVOICE_TYPE,
          }),
        ];
  const {
    ДокументОснование: _b,
    ДокументОснование_Type: _t,
    ...shipment
  } = doc('Document_РеализацияТоваровУслуг', S1, 'УТ-00002301', '2026-11-25T15:00:00', 120000, {
    ЗаказКлиента: O1,
    ЗаказКлиента_Type: ORDER_TYPE,
  });
  return {
    Catalog_Контрагенты: [counterparty()],
    Document_ЗаказКлиента: [
      doc('Document_ЗаказКлиента', O1, 'УТ-00001301', '2026-11-20T10:00:00', 120000, NO_BASIS),
      doc('Document_ЗаказКлиента', O2, 'УТ-00001302', '2026-11-21T10:00:00', 90000, NO_BASIS),
    ],
    Document_СчетНаОплатуКлиенту: [
      doc('Document_СчетНаОплатуКлиенту', I1, 'УТ-00000871', '2026-11-22T10:00:00', 120000, basis(O1, ORDER_TYPE)),
      doc('Document_СчетНаОплатуКлиенту', I2, 'УТ-00000872', '2026-11-23T10:00:00', 90000, basis(O2, ORDER_TYPE)),
    ],
    Document_ПоступлениеБезналичныхДенежныхСредств: payments,
    Document_ПриходныйКассовыйОрдер: [],
    // 11.4 keeps ДокументОснование on Реализация (left empty here); 11.5 has no such field.
    Document_РеализацияТоваровУслуг: [release === '11.4' ? { ...shipment, ...NO_BASIS } : shipment],
  };
}

const HEAD = 'Ref_Key,DataVersion,DeletionMark,Number,Date,Posted,Контрагент_Key,СуммаДокумента,Валюта_Key';
const BASIS = 'ДокументОснование,ДокументОснование_Type';
/** The $select of every entity for each release: only fields its $metadata gives the entity type. */
const SELECTS = (release: '11.4' | '11.5') => ({
  // Description, not Наименование: 1C names the standard attribute in English.
  Catalog_Контрагенты: 'Ref_Key,DataVersion,DeletionMark,Description,НаименованиеПолное,ИНН,КПП',
  Document_ЗаказКлиента: `${HEAD},${BASIS}`,
  Document_СчетНаОплатуКлиенту: `${HEAD},${BASIS}`,
  Document_ПоступлениеБезналичныхДенежныхСредств: `${HEAD},${BASIS},РасшифровкаПлатежа`,
  Document_ПриходныйКассовыйОрдер: `${HEAD},${BASIS},РасшифровкаПлатежа`,
  // A 11.5 shipment has no ДокументОснование: asking for it would be refused.
  Document_РеализацияТоваровУслуг:
    release === '11.4' ? `${HEAD},${BASIS},ЗаказКлиента,ЗаказКлиента_Type` : `${HEAD},ЗаказКлиента,ЗаказКлиента_Type`,
});

describe.each(['11.4', '11.5'] as const)('two open deals of one client, УТ %s', (release) => {
  let w: TestWorker;
  let onec: OnecServer;
  beforeAll(async () => {
    onec = await startOnecServer({ data: base(release), metadata: loadOnecMetadata(release) });
    w = await startWorker({ bindings: onec.bindings() });
    await seedWorld(w);
    await runCron(w, TEST_NOW);
  });
  afterAll(async () => {
    await w?.dispose();
    await onec?.close();
  });

  const leadOf = async (refKey: string) =>
    (await w.db.prepare('SELECT lead_id FROM onec_documents WHERE ref_key = ?').bind(refKey).first<{ lead_id: number | null }>())?.lead_id;

  test('the schema was read first, and each $select held only fields of the $metadata', () => {
    expect(onec.requests[0]!.entity).toBe('$metadata');
    expect(onec.requests.map((r) => [r.entity, r.status]).filter(([, s]) => s !== 200)).toEqual([]);
    const selects = Object.fromEntries(onec.requests.slice(1).map((r) => [r.entity, r.query['$select']]));
    expect(selects).toEqual(SELECTS(release));
  });

  test('the two orders open two leads; each invoice, payment and shipment follows its own order', async () => {
    const [lead1, lead2] = [await leadOf(O1), await leadOf(O2)];
    expect(lead1).toEqual(expect.any(Number));
    expect(lead2).toEqual(expect.any(Number));
    expect(lead2).not.toBe(lead1);
    expect({ I1: await leadOf(I1), P1: await leadOf(P1), S1: await leadOf(S1) }).toEqual({ I1: lead1, P1: lead1, S1: lead1 });
    expect({ I2: await leadOf(I2), P2: await leadOf(P2) }).toEqual({ I2: lead2, P2: lead2 });
    expect(await count(w, "SELECT count(*) AS n FROM leads WHERE channel = 'onec'")).toBe(2);
  });

  test('the first deal went order → invoice → paid → shipped, the second stays at invoice, partly paid', async () => {
    const moves = async (refKey: string) =>
      (
        await w.db
          .prepare(
            'SELECT sc.to_stage_id FROM stage_changes sc WHERE sc.lead_id = (SELECT lead_id FROM onec_documents WHERE ref_key = ?) ORDER BY sc.at, sc.id',
          )
          .bind(refKey)
          .all<{ to_stage_id: string }>()
      ).results.map((r) => r.to_stage_id);
    expect(await moves(O1)).toEqual(['order', 'invoice', 'paid', 'shipped']);
    expect(await moves(O2)).toEqual(['order', 'invoice']);
    const leads = (
      await w.db
        .prepare(
          'SELECT l.stage_id, l.amount_kopecks FROM leads l WHERE l.id IN (SELECT lead_id FROM onec_documents WHERE ref_key IN (?, ?)) ORDER BY l.id',
        )
        .bind(O1, O2)
        .all()
    ).results;
    expect(leads).toEqual([
      { stage_id: 'shipped', amount_kopecks: 12_000_000 },
      { stage_id: 'invoice', amount_kopecks: 9_000_000 },
    ]);
    // The second deal's payment is counted on its own invoice: 30 000 of 90 000.
    const paid = await w.db
      .prepare(
        "SELECT json_extract(details, '$.invoicedKopecks') AS invoiced, json_extract(details, '$.paidKopecks') AS paid FROM events WHERE source = 'onec' AND external_id LIKE ?",
      )
      .bind(`${P2}:%`)
      .first();
    expect(paid).toEqual({ invoiced: 9_000_000, paid: 3_000_000 });
  });
});

describe('the $metadata cache, @Element pushes and deleted counterparties (УТ 11.5)', () => {
  let w: TestWorker;
  let onec: OnecServer;
  const DELETED = '7c3f0a11-9b1e-11ee-9c1a-00155d0a1f01';
  beforeAll(async () => {
    const data = base('11.5');
    data['Catalog_Контрагенты']!.push(
      counterparty({ Ref_Key: DELETED, Description: 'Удалённый', ИНН: '7704500999', DeletionMark: true, DataVersion: 'AAAAAgAAAAA=' }),
    );
    onec = await startOnecServer({ data, metadata: loadOnecMetadata('11.5') });
    w = await startWorker({ bindings: onec.bindings() });
    await seedWorld(w);
  });
  afterAll(async () => {
    await w?.dispose();
    await onec?.close();
  });
  const metadataReads = (since: number) => onec.reads('$metadata', since).length;

  test('the schema is read once and kept across runs', async () => {
    await runCron(w, TEST_NOW);
    const mark = onec.requests.length;
    await runCron(w, TEST_NOW + 5 * MINUTE);
    expect(metadataReads(0)).toBe(1);
    expect(metadataReads(mark)).toBe(0);
    expect(onec.reads('Document_ЗаказКлиента', mark)).toHaveLength(1);
  });

  test('after an OData error the next run reads $metadata again', async () => {
    onec.failWhen = (r) => (r.entity === 'Document_СчетНаОплатуКлиенту' ? 400 : null);
    const failed = onec.requests.length;
    await runCron(w, TEST_NOW + 10 * MINUTE);
    onec.failWhen = null;
    expect(metadataReads(failed)).toBe(0);
    expect(onec.reads('Document_СчетНаОплатуКлиенту', failed).map((r) => r.status)).toEqual([400]);

    // 1C down while the schema is read: that one request, and the run stops with the error kept.
    onec.down = true;
    const down = onec.requests.length;
    await runCron(w, TEST_NOW + 12 * MINUTE);
    onec.down = false;
    expect(onec.requests.slice(down).map((r) => [r.entity, r.status])).toEqual([['$metadata', 503]]);
    const cron = await w.db.prepare("SELECT value FROM sync_state WHERE key = 'onec:cron'").first<{ value: string }>();
    expect(JSON.parse(cron!.value)).toMatchObject({ lastRunAt: TEST_NOW + 12 * MINUTE, lastError: expect.stringContaining('503') });

    const next = onec.requests.length;
    await runCron(w, TEST_NOW + 15 * MINUTE);
    expect(metadataReads(next)).toBe(1);
    expect(onec.requests[next]!.entity).toBe('$metadata');
    expect(onec.requests.slice(next).every((r) => r.status === 200)).toBe(true);
    const again = onec.requests.length;
    await runCron(w, TEST_NOW + 20 * MINUTE);
    expect(metadataReads(again)).toBe(0);
  });

  test('a counterparty marked for deletion that Voronka never had makes no client, and is not offered again', async () => {
    expect(await count(w, 'SELECT count(*) AS n FROM companies WHERE onec_ref = ?', DELETED)).toBe(0);
    expect(await count(w, 'SELECT count(*) AS n FROM companies WHERE onec_ref = ?', CLIENT)).toBe(1);
    const rows = async () =>
      (
        await w.db
          .prepare("SELECT outcome, reason FROM inbox WHERE source = 'onec' AND external_id = ?")
          .bind(`${DELETED}:AAAAAgAAAAA=`)
          .all()
      ).results;
    // Four catalog passes ran, and one more a day later: one inbox row, the refusal stands as long as the version does.
    await runCron(w, TEST_NOW + 25 * 60 * MINUTE);
    expect(onec.reads('Catalog_Контрагенты').length).toBeGreaterThanOrEqual(5);
    expect(await rows()).toEqual([
      { outcome: 'rejected', reason: 'контрагент помечен в 1С на удаление, а в Воронке его нет — клиентом не создан' },
    ]);
  });

  test('the same counterparty pushed unmarked later is created; a known one may be marked', async () => {
    const res = await pushOnecBody(w, {
      'odata.metadata': 'http://1c.example.ru/ut11/odata/standard.odata/$metadata#Catalog_Контрагенты/@Element',
      ...counterparty({
        Ref_Key: DELETED,
        Description: 'Восстановленный',
        ИНН: '7704500999',
        DeletionMark: false,
        DataVersion: 'AAAAAwAAAAA=',
      }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: [{ refKey: DELETED, outcome: 'stored' }] });
    expect(await w.db.prepare('SELECT name, status FROM companies WHERE onec_ref = ?').bind(DELETED).first()).toEqual({
      name: 'Восстановленный',
      status: 'client',
    });
    const marked = await pushOnecBody(w, {
      'odata.metadata': 'http://1c.example.ru/ut11/odata/standard.odata/$metadata#Catalog_Контрагенты/@Element',
      ...counterparty({
        Ref_Key: DELETED,
        Description: 'Восстановленный',
        ИНН: '7704500999',
        DeletionMark: true,
        DataVersion: 'AAAABAAAAAA=',
      }),
    });
    expect(await marked.json()).toEqual({ results: [{ refKey: DELETED, outcome: 'stored' }] });
  });

  test('a pushed @Element order without a value collection is read as one object and kept as it came', async () => {
    const element = {
      'odata.metadata': 'http://1c.example.ru/ut11/odata/standard.odata/$metadata#Document_ЗаказКлиента/@Element',
      ...doc('Document_ЗаказКлиента', ref(8), 'УТ-00001308', '2026-11-26T10:00:00', 5000, NO_BASIS),
    };
    const res = await pushOnecBody(w, element);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: [{ refKey: ref(8), outcome: 'stored' }] });
    expect(await w.db.prepare('SELECT kind, number, amount_kopecks FROM onec_documents WHERE ref_key = ?').bind(ref(8)).first()).toEqual({
      kind: 'order',
      number: 'УТ-00001308',
      amount_kopecks: 500_000,
    });
    const row = await w.db
      .prepare("SELECT outcome, body FROM inbox WHERE source = 'onec' AND external_id LIKE ?")
      .bind(`${ref(8)}:%`)
      .first<{ outcome: string; body: string }>();
    expect(row?.outcome).toBe('stored');
    expect(JSON.parse(row!.body)).toEqual(element);
  });

  test('an object without a value collection that is not an @Element is refused as an envelope', async () => {
    const res = await pushOnecBody(w, {
      'odata.metadata': 'http://1c.example.ru/ut11/odata/standard.odata/$metadata#Document_ЗаказКлиента',
      ...doc('Document_ЗаказКлиента', ref(9), 'УТ-00001309', '2026-11-26T11:00:00', 5000, NO_BASIS),
    });
    expect(res.status).toBe(400);
    expect(await count(w, 'SELECT count(*) AS n FROM onec_documents WHERE ref_key = ?', ref(9))).toBe(0);
  });
});
