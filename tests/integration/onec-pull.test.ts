import { apiAs, count } from '../helpers/api';
import { loadOnecFixture, runCron, startOnecServer, type OnecServer } from '../helpers/onec-server';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

/**
 * The cron pulls Catalog_Контрагенты and the five documents from a local server speaking 1C's
 * OData JSON, two objects a page, so every entity needs several pages.
 */
let w: TestWorker;
let onec: OnecServer;

const guid = (prefix: string, n: number) => `${prefix}-0000-4000-8000-${String(n).padStart(12, '0')}`;
const cpRef = (n: number) => guid('c0000000', n);
const counterparty = (n: number) => ({
  ...loadOnecFixture('Catalog_Контрагенты')[0]!,
  Ref_Key: cpRef(n),
  Description: `Контрагент ${n}`,
  НаименованиеПолное: `ООО «Контрагент ${n}»`,
  ИНН: `77000000${String(n).padStart(2, '0')}`,
  КПП: '770001001',
});
const document = (entity: string, n: number, date: string, cp: number, extra: Record<string, unknown> = {}) => ({
  ...loadOnecFixture(entity)[0]!,
  Ref_Key: guid(`d${String(n).padStart(7, '0')}`, n),
  Number: `УТ-${String(n).padStart(8, '0')}`,
  Date: date,
  Контрагент_Key: cpRef(cp),
  ...extra,
});

const ORDERS = 'Document_ЗаказКлиента';
const INVOICES = 'Document_СчетНаОплатуКлиенту';
const orders = [
  document(ORDERS, 1, '2026-11-20T09:00:00', 1),
  document(ORDERS, 2, '2026-11-20T10:15:00', 2),
  document(ORDERS, 3, '2026-11-20T10:15:00', 3), // same second as no. 2: paging within one Date
  document(ORDERS, 4, '2026-11-21T12:00:00', 7), // counterparty no. 7 lies beyond this run's catalog pages
  document(ORDERS, 5, '2026-11-22T08:30:00', 4),
];
const invoices = [
  document(INVOICES, 11, '2026-11-20T11:00:00', 2, { ДокументОснование: orders[1]!.Ref_Key }),
  { ...document(INVOICES, 12, '2026-11-22T09:00:00', 4), Number: '' }, // unreadable: no number
];
const payments = [
  document('Document_ПоступлениеБезналичныхДенежныхСредств', 21, '2026-11-21T15:00:00', 2, {
    РасшифровкаПлатежа: [
      { LineNumber: '1', Заказ: invoices[0]!.Ref_Key, Заказ_Type: 'StandardODATA.Document_СчетНаОплатуКлиенту', Сумма: 248730.45 },
    ],
  }),
];
const shipments = [document('Document_РеализацияТоваровУслуг', 31, '2026-11-22T10:00:00', 2, { ДокументОснование: orders[1]!.Ref_Key })];

const T0 = TEST_NOW;
const MINUTE = 60_000;

beforeAll(async () => {
  onec = await startOnecServer({
    data: {
      Catalog_Контрагенты: [1, 2, 3, 4, 5, 6, 7].map(counterparty),
      [ORDERS]: [...orders],
      [INVOICES]: [...invoices],
      Document_ПоступлениеБезналичныхДенежныхСредств: payments,
      Document_ПриходныйКассовыйОрдер: [],
      Document_РеализацияТоваровУслуг: shipments,
    },
  });
  w = await startWorker({ bindings: { ...onec.bindings(), ONEC_PULL_PAGE_SIZE: '2' } });
  await seedWorld(w);
});
afterAll(async () => {
  await w?.dispose();
  await onec?.close();
});

const onecInbox = () => count(w, "SELECT count(*) AS n FROM inbox WHERE source = 'onec'");
const pullState = async (entity: string) =>
  JSON.parse(
    (await w.db.prepare('SELECT value FROM sync_state WHERE key = ?').bind(`onec:pull:${entity}`).first<{ value: string }>())!.value,
  );
const filters = (entity: string, since: number) =>
  onec.reads(entity, since).map((r) => ({ filter: r.query['$filter'], skip: r.query['$skip'] ?? null }));

describe('the 1C pull on the cron', () => {
  test('pages through every entity from the start, counterparties first, and stores the watermark', async () => {
    await runCron(w, T0);

    expect(onec.requests.every((r) => r.status === 200)).toBe(true);
    // The schema first (a УТ 11.4 base), then counterparties.
    expect(onec.requests.slice(0, 2).map((r) => r.entity)).toEqual(['$metadata', 'Catalog_Контрагенты']);
    // Documents walk by Date; objects of the same second are paged with $skip.
    expect(filters(ORDERS, 0)).toEqual([
      { filter: "Date ge datetime'0001-01-01T00:00:00'", skip: null },
      { filter: "Date ge datetime'2026-11-20T10:15:00'", skip: '1' },
      { filter: "Date ge datetime'2026-11-21T12:00:00'", skip: '1' },
    ]);
    expect(onec.reads(ORDERS).map((r) => [r.query['$orderby'], r.query['$top'], r.query['$format']])).toEqual(
      Array(3).fill(['Date,Ref_Key', '2', 'json']),
    );
    // The catalog is read in Ref_Key order, three pages a run.
    expect(
      onec
        .reads('Catalog_Контрагенты')
        .filter((r) => !r.query['$filter'])
        .map((r) => r.query['$skip'] ?? '0'),
    ).toEqual(['0', '2', '4']);

    expect(await pullState(ORDERS)).toMatchObject({
      watermark: '2026-11-22T08:30:00',
      caughtUp: true,
      lastRunAt: T0,
      lastSuccessAt: T0,
      lastError: null,
    });
    expect(
      (
        await w.db
          .prepare("SELECT ref_key FROM onec_documents WHERE kind = 'order' ORDER BY date_local, ref_key")
          .all<{ ref_key: string }>()
      ).results.map((r) => r.ref_key),
    ).toEqual(orders.map((o) => o.Ref_Key));
  });

  test('a counterparty a document needs is fetched by its key before the document is applied', async () => {
    const byKey = onec.reads('Catalog_Контрагенты').filter((r) => r.query['$filter']);
    expect(byKey.map((r) => r.query['$filter'])).toEqual([`Ref_Key eq guid'${cpRef(7)}'`]);
    const order4 = await w.db
      .prepare('SELECT c.name, c.onec_ref FROM onec_documents d JOIN companies c ON c.id = d.company_id WHERE d.ref_key = ?')
      .bind(orders[3]!.Ref_Key)
      .first();
    expect(order4).toEqual({ name: 'Контрагент 7', onec_ref: cpRef(7) });
  });

  test('every pulled object has one inbox row with the OData URL; a bad document is kept with its reason', async () => {
    const rows = (
      await w.db
        .prepare("SELECT external_id, outcome, reason, method, path, body FROM inbox WHERE source = 'onec' ORDER BY id")
        .all<{ external_id: string; outcome: string; reason: string | null; method: string; path: string; body: string }>()
    ).results;
    expect(rows).toHaveLength(7 + 5 + 2 + 1 + 1);
    expect(new Set(rows.map((r) => r.external_id)).size).toBe(rows.length);
    expect(rows.every((r) => r.method === 'GET' && r.path.startsWith(`${onec.url}/`))).toBe(true);
    const bad = rows.find((r) => r.external_id === `${invoices[1]!.Ref_Key}:${invoices[1]!.DataVersion}`);
    expect(bad).toMatchObject({ outcome: 'rejected', reason: 'нет поля Number' });
    expect(JSON.parse(bad!.body)).toMatchObject({ Ref_Key: invoices[1]!.Ref_Key, Number: '' });
    expect(rows.filter((r) => r.outcome !== 'rejected').every((r) => r.outcome === 'stored')).toBe(true);
    // The payment points at its invoice, the shipment at its order.
    expect(await count(w, "SELECT count(*) AS n FROM onec_documents WHERE kind IN ('payment_bank', 'shipment', 'invoice')")).toBe(3);
  });

  test('the next run asks from the watermark (minus the overlap) and re-applies nothing', async () => {
    const mark = onec.requests.length;
    const before = {
      inbox: await onecInbox(),
      documents: await count(w, 'SELECT count(*) AS n FROM onec_documents'),
      events: await count(w, 'SELECT count(*) AS n FROM events'),
    };
    await runCron(w, T0 + 5 * MINUTE);

    expect(filters(ORDERS, mark)).toEqual([{ filter: "Date ge datetime'2026-11-22T07:30:00'", skip: null }]);
    expect(filters(INVOICES, mark)).toEqual([{ filter: "Date ge datetime'2026-11-22T08:00:00'", skip: null }]);
    // The catalog pass goes on where it stopped and completes.
    expect(onec.reads('Catalog_Контрагенты', mark).map((r) => r.query['$skip'])).toEqual(['6']);
    expect(await pullState('Catalog_Контрагенты')).toMatchObject({ passes: 1, caughtUp: true, cursorSkip: 0 });
    expect({
      inbox: await onecInbox(),
      documents: await count(w, 'SELECT count(*) AS n FROM onec_documents'),
      events: await count(w, 'SELECT count(*) AS n FROM events'),
    }).toEqual(before);
  });

  test('a new document and a new version of a known one are applied, and only they', async () => {
    const mark = onec.requests.length;
    const inboxBefore = await onecInbox();
    const unposted = { ...orders[4]!, Posted: false, DataVersion: 'AAAACQAAAAA=' };
    onec.data[ORDERS] = [...orders.slice(0, 4), unposted, document(ORDERS, 6, '2026-11-23T10:00:00', 1)];
    await runCron(w, T0 + 10 * MINUTE);

    expect(filters(ORDERS, mark)).toEqual([
      { filter: "Date ge datetime'2026-11-22T07:30:00'", skip: null },
      { filter: "Date ge datetime'2026-11-23T10:00:00'", skip: '1' },
    ]);
    const fresh = (
      await w.db
        .prepare("SELECT external_id, outcome FROM inbox WHERE source = 'onec' AND id > (SELECT max(id) FROM inbox) - 2 ORDER BY id")
        .all()
    ).results;
    expect(await onecInbox()).toBe(inboxBefore + 2);
    expect(fresh).toEqual([
      { external_id: `${unposted.Ref_Key}:AAAACQAAAAA=`, outcome: 'stored' },
      { external_id: `${guid('d0000006', 6)}:${orders[0]!.DataVersion}`, outcome: 'stored' },
    ]);
    expect(await w.db.prepare('SELECT posted, data_version FROM onec_documents WHERE ref_key = ?').bind(unposted.Ref_Key).first()).toEqual({
      posted: 0,
      data_version: 'AAAACQAAAAA=',
    });
    expect(await pullState(ORDERS)).toMatchObject({ watermark: '2026-11-23T10:00:00', caughtUp: true });
  });

  test('a run while 1C is down moves no watermark and keeps the error; the next run resumes from the watermark', async () => {
    const before = await pullState(ORDERS);
    onec.down = true;
    const mark = onec.requests.length;
    await runCron(w, T0 + 15 * MINUTE);
    onec.down = false;

    // 1C down is not worth asking five more entities: the run stops at the first refusal.
    expect(onec.requests.slice(mark).filter((r) => r.method === 'GET')).toHaveLength(1);
    expect(await pullState(ORDERS)).toEqual(before);
    const state = await apiAs(w, 'admin').get('/api/integrations/onec');
    expect(state.status).toBe(200);
    expect(state.body.pull.configured).toBe(true);
    expect(state.body.pull.entities[0]).toMatchObject({
      entity: 'Catalog_Контрагенты',
      lastErrorAt: T0 + 15 * MINUTE,
      lastError: expect.stringContaining('1С ответила 503'),
    });
    expect(state.body.cron).toMatchObject({ lastRunAt: T0 + 15 * MINUTE, lastError: expect.stringContaining('503') });

    const resumed = onec.requests.length;
    await runCron(w, T0 + 20 * MINUTE);
    expect(filters(ORDERS, resumed)).toEqual([{ filter: "Date ge datetime'2026-11-23T09:00:00'", skip: null }]);
    const after = await apiAs(w, 'headA').get('/api/integrations/onec');
    expect(after.body.pull.entities.find((e: { entity: string }) => e.entity === ORDERS)).toMatchObject({
      kind: 'order',
      watermark: '2026-11-23T10:00:00',
      lastSuccessAt: T0 + 20 * MINUTE,
    });
    expect(after.body.cron).toMatchObject({ lastSuccessAt: T0 + 20 * MINUTE });
  });
});
