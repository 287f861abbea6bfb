import { rebuildRollups, ROLLUP_TABLES } from '../../schema/rollups';
import { pushOnec } from '../helpers/onec-push';
import { apiAs } from '../helpers/api';
import { genericRequest } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';
import { TEST_NOW_S } from '../helpers/clock';

/**
 * The rollups kept by triggers must equal a recomputation from the raw rows, whatever wrote them:
 * webhooks, the 1C pipeline, the API, a merge, a hand-over, a region or time-zone change, a delete.
 */
let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const KROVLYA_REF = '5e0a1c3e-8b3d-11ee-9c1a-00155d0a1f01';
const EMPTY = '00000000-0000-0000-0000-000000000000';
let seq = 0;

async function push(items: Record<string, unknown>[]) {
  expect((await pushOnec(w, items)).status).toBe(200);
}
const doc = (entity: string, ref: string, version: string, fields: Record<string, unknown>) => ({
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
const ref = (n: number) => `cccccccc-0000-0000-0000-${String(n).padStart(12, '0')}`;

async function call(event: Record<string, unknown>) {
  const res = await w.fetch('/hooks/telephony/generic', genericRequest(event, { id: `msg_roll_${++seq}` }));
  expect(res.status).toBe(200);
}

/** Every rollup row that carries something, in a stable order, plus the per-company figures. */
async function snapshot() {
  const out: Record<string, unknown[]> = {};
  for (const table of [...ROLLUP_TABLES, 'lead_stays']) {
    const cols = (await w.db.prepare(`SELECT name, pk FROM pragma_table_info('${table}')`).all<{ name: string; pk: number }>()).results;
    const keys = cols.filter((c) => c.pk > 0 || table === 'lead_stays').map((c) => c.name);
    const measures = cols.filter((c) => c.pk === 0).map((c) => c.name);
    const nonZero = table === 'lead_stays' ? '1' : measures.map((m) => `${m} != 0`).join(' OR ');
    out[table] = (await w.db.prepare(`SELECT * FROM ${table} WHERE ${nonZero} ORDER BY ${keys.join(', ')}`).all()).results;
  }
  out['companies'] = (await w.db.prepare('SELECT id, last_touch_at, revenue_24m, converted_at FROM companies ORDER BY id').all()).results;
  return out;
}

describe('report rollups', () => {
  test('kept by triggers through every kind of write, they equal a rebuild from the raw rows', async () => {
    const t = TEST_NOW_S - 5 * 86_400;
    // Calls through the telephony pipeline: answered, missed, outbound; one enriched after it ended.
    await call({
      type: 'call.ended',
      call_id: 'r1',
      direction: 'out',
      from: '101',
      to: '+74951234567',
      extension: '101',
      timestamp: t,
      duration: 95,
      result: 'answered',
    });
    await call({
      type: 'call.ringing',
      call_id: 'r2',
      direction: 'in',
      from: '+74951234567',
      to: '+74957700000',
      extension: '101',
      timestamp: t + 60,
    });
    await call({
      type: 'call.ended',
      call_id: 'r2',
      direction: 'in',
      from: '+74951234567',
      to: '+74957700000',
      extension: '101',
      timestamp: t + 80,
      duration: 0,
      result: 'missed',
    });
    await call({
      type: 'call.ended',
      call_id: 'r3',
      direction: 'in',
      from: '+79120007777',
      to: '+74957700000',
      extension: '102',
      timestamp: t + 3600,
      duration: 40,
      result: 'answered',
    });
    await call({
      type: 'call.answered',
      call_id: 'r3',
      direction: 'in',
      from: '+79120007777',
      to: '+74957700000',
      extension: '102',
      timestamp: t + 3590,
    });
    // A call near midnight UTC: its local day depends on the manager's zone.
    await call({
      type: 'call.ended',
      call_id: 'r4',
      direction: 'out',
      from: '201',
      to: '+74951234567',
      extension: '201',
      timestamp: Math.floor(Date.UTC(2026, 10, 20, 23, 30) / 1000),
      duration: 31,
      result: 'answered',
    });

    // Leads and moves through the API.
    const lead = (await apiAs(w, 'managerA').post('/api/leads', { companyId: world.companies.ofA })).body;
    expect((await apiAs(w, 'managerA').post(`/api/leads/${lead.id}/stage`, { stageId: 'proposal' })).status).toBe(200);
    expect(
      (await apiAs(w, 'managerA').post(`/api/leads/${lead.id}/stage`, { stageId: 'qualified', reason: 'Клиент пересматривает объём' }))
        .status,
    ).toBe(200);

    // 1C: the counterparty, an invoice, payments (one unposted later, one marked for deletion), a shipment.
    await push([
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
    await push([
      doc('Document_СчетНаОплатуКлиенту', ref(1), 'v1', { Number: 'УТ-1', Date: '2026-11-02T10:00:00', СуммаДокумента: 1000 }),
      doc('Document_ПоступлениеБезналичныхДенежныхСредств', ref(2), 'v1', {
        Number: 'П-1',
        Date: '2026-11-03T10:00:00',
        СуммаДокумента: 400,
      }),
      doc('Document_ПриходныйКассовыйОрдер', ref(3), 'v1', { Number: 'ПКО-1', Date: '2026-11-04T10:00:00', СуммаДокумента: 600 }),
      doc('Document_РеализацияТоваровУслуг', ref(4), 'v1', { Number: 'РТ-1', Date: '2026-11-05T10:00:00', СуммаДокумента: 1000 }),
    ]);
    await push([
      doc('Document_ПоступлениеБезналичныхДенежныхСредств', ref(2), 'v2', {
        Number: 'П-1',
        Date: '2026-11-03T10:00:00',
        СуммаДокумента: 400,
        Posted: false,
      }),
    ]);
    await push([
      doc('Document_ПриходныйКассовыйОрдер', ref(3), 'v2', {
        Number: 'ПКО-1',
        Date: '2026-11-06T10:00:00',
        СуммаДокумента: 650,
        DeletionMark: true,
      }),
    ]);
    await push([
      doc('Document_ПриходныйКассовыйОрдер', ref(5), 'v1', { Number: 'ПКО-2', Date: '2026-11-07T10:00:00', СуммаДокумента: 999.99 }),
    ]);

    // A duplicate company merged into A's: its events, leads and documents move.
    const created = await apiAs(w, 'managerA').post('/api/companies', { name: 'Кровля А (дубль)', regionId: 1 });
    expect(created.status).toBe(201);
    const dup = created.body.company;
    await apiAs(w, 'managerA').post(`/api/companies/${dup.id}/events`, { kind: 'note', subject: 'Заметка по дублю' });
    await apiAs(w, 'managerA').post('/api/leads', { companyId: dup.id });
    const merged = await apiAs(w, 'headA').post(`/api/companies/${world.companies.ofA}/merge`, { sourceId: dup.id });
    expect(merged.body).toMatchObject({ survivorId: world.companies.ofA });

    // Writers behind the API's back: a hand-over of a lead, a client moved to another region, a
    // manager moved to another time zone, a wrongly logged call deleted.
    await w.db.prepare('UPDATE leads SET owner_id = ? WHERE id = ?').bind(world.users.managerB.id, lead.id).run();
    await w.db.prepare('UPDATE companies SET region_id = 2 WHERE id = ?').bind(world.companies.ofA).run();
    await w.db.prepare("UPDATE users SET time_zone = 'Asia/Vladivostok' WHERE id = ?").bind(world.users.managerC.id).run();
    await w.db.prepare("DELETE FROM events WHERE source = 'generic' AND external_id = 'call:r2'").run();

    const kept = await snapshot();
    // Something of every kind was written, so the comparison below compares something.
    for (const table of [...ROLLUP_TABLES, 'lead_stays']) expect(kept[table]!.length).toBeGreaterThan(0);

    await w.db.batch(rebuildRollups().map((q) => w.db.prepare(q)));
    expect(await snapshot()).toEqual(kept);
  });
});

test('the revenue window moves with the month and recomputes what clients paid in it', async () => {
  const { rollRevenueWindow } = await import('../../worker/src/reports/roll-window');
  const { createDb } = await import('../../worker/src/platform/db');
  await w.db
    .prepare(
      "INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, company_id, amount_kopecks, updated_at) VALUES ('win-old', 'payment_bank', 'W-1', '2025-01-15T10:00:00', 0, 1, 0, 'v', 103, 7000, 0)",
    )
    .run();
  const db = createDb(w.db);
  // The test states its months: the window stands where the November 2026 cron left it (from December 2024),
  // whatever the suite's clock; in December it starts in January 2025 and the payment counts, in February 2027 it does not.
  await rollRevenueWindow(db, Date.parse('2026-11-15T12:00:00Z'));
  expect(await w.db.prepare('SELECT revenue_from FROM report_window WHERE id = 1').first()).toEqual({ revenue_from: '2024-12' });
  expect(await rollRevenueWindow(db, Date.parse('2026-12-10T12:00:00Z'))).toBe(true);
  expect(await rollRevenueWindow(db, Date.parse('2026-12-11T12:00:00Z'))).toBe(false);
  expect(await w.db.prepare('SELECT revenue_24m FROM companies WHERE id = 103').first()).toEqual({ revenue_24m: 7000 });
  expect(await rollRevenueWindow(db, Date.parse('2027-02-01T12:00:00Z'))).toBe(true);
  expect(await w.db.prepare('SELECT revenue_24m FROM companies WHERE id = 103').first()).toEqual({ revenue_24m: 0 });
});
