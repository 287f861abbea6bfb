import { createHmac } from 'node:crypto';
import { onecPushHeaders } from '../helpers/onec-push';
import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import { apiAs, count } from '../helpers/api';
import { loadOnecFixture, runCron } from '../helpers/onec-server';
import { startWorker, TEST_SECRETS, type TestWorker } from '../helpers/worker';
import { seedWorld, world } from '../helpers/world';
import { TEST_NOW_S } from '../helpers/clock';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const SECRET = TEST_SECRETS.ONEC_WEBHOOK_SECRET;
const HOOK = '/hooks/1c/documents';

const counterparty = { entity: 'Catalog_Контрагенты', ...loadOnecFixture('Catalog_Контрагенты')[0]! };
const order = { entity: 'Document_ЗаказКлиента', ...loadOnecFixture('Document_ЗаказКлиента')[0]! };
const invoice = { entity: 'Document_СчетНаОплатуКлиенту', ...loadOnecFixture('Document_СчетНаОплатуКлиенту')[0]! };
const shipment = loadOnecFixture('Document_РеализацияТоваровУслуг')[0]!;
const batch = (...value: unknown[]) => JSON.stringify({ value });

type Auth = 'hmac' | 'basic' | 'none' | Record<string, string>;
/** The old body-only signature: replayable, accepted only with ONEC_PUSH_AUTH=basic. */
const hmacOf = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
const basicOf = (secret = SECRET) => `Basic ${Buffer.from(`1c:${secret}`, 'utf8').toString('base64')}`;

async function push(body: string, auth: Auth = 'hmac') {
  const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
  if (auth === 'hmac') Object.assign(headers, onecPushHeaders(body));
  else if (auth === 'basic') headers['authorization'] = basicOf();
  else if (auth !== 'none') Object.assign(headers, auth);
  const lastInbox = await count(w, 'SELECT coalesce(max(id), 0) AS n FROM inbox');
  const res = await w.fetch(HOOK, { method: 'POST', headers, body });
  const json = (await res.json()) as any;
  const inbox = (
    await w.db
      .prepare('SELECT source, external_id, outcome, reason, body, path, headers FROM inbox WHERE id > ? ORDER BY id')
      .bind(lastInbox)
      .all<{
        source: string;
        external_id: string | null;
        outcome: string;
        reason: string | null;
        body: string;
        path: string;
        headers: string;
      }>()
  ).results;
  return { status: res.status, json, inbox };
}

const COUNTED = ['companies', 'onec_documents', 'events', 'leads', 'stage_changes'] as const;
async function tableCounts() {
  return Object.fromEntries(await Promise.all(COUNTED.map(async (t) => [t, await count(w, `SELECT count(*) AS n FROM ${t}`)]))) as Record<
    (typeof COUNTED)[number],
    number
  >;
}

describe('1C pushes objects to POST /hooks/1c/documents', () => {
  test('a signed batch: the counterparty becomes a client company, its order is stored, each object has its inbox row', async () => {
    const body = batch(counterparty, order);
    const { status, json, inbox } = await push(body);
    expect(status).toBe(200);
    expect(json).toEqual({
      results: [
        { refKey: counterparty.Ref_Key, outcome: 'stored' },
        { refKey: order.Ref_Key, outcome: 'stored' },
      ],
    });
    expect(inbox.map((r) => [r.source, r.external_id, r.outcome, r.path])).toEqual([
      ['onec', `${counterparty.Ref_Key}:${counterparty.DataVersion}`, 'stored', HOOK],
      ['onec', `${order.Ref_Key}:${order.DataVersion}`, 'stored', HOOK],
    ]);
    expect(JSON.parse(inbox[1]!.body)).toEqual(order);
    // The inbox notes the signature but does not keep it: with the body it is all a replay needs.
    expect(JSON.parse(inbox[0]!.headers)).toHaveProperty('x-signature', '(present, not kept)');

    const company = await w.db
      .prepare('SELECT id, name, inn, kpp, status, region_id FROM companies WHERE onec_ref = ?')
      .bind(counterparty.Ref_Key)
      .first();
    expect(company).toMatchObject({
      name: 'СтройМеталл',
      inn: '7712345015',
      kpp: '771201001',
      status: 'client',
      region_id: world.regions.msk,
    });
    const stored = await w.db
      .prepare('SELECT kind, number, date_local, amount_kopecks, posted, company_id FROM onec_documents WHERE ref_key = ?')
      .bind(order.Ref_Key)
      .first();
    expect(stored).toEqual({
      kind: 'order',
      number: 'УТ-00001234',
      date_local: '2026-11-20T10:15:00',
      amount_kopecks: 24873045,
      posted: 1,
      company_id: company!['id'],
    });
    // A company that came from 1C is never queued to be sent back to it.
    expect(await count(w, 'SELECT count(*) AS n FROM outbox WHERE entity_id = ?', company!['id'])).toBe(0);
  });

  test('the same body twice changes nothing: the second time every object is a duplicate', async () => {
    const body = batch(counterparty, order);
    const before = await tableCounts();
    const { status, json, inbox } = await push(body);
    expect(status).toBe(200);
    expect(json.results.map((r: { outcome: string }) => r.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(inbox.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate']);
    expect(await tableCounts()).toEqual(before);
  });

  test('bad objects are kept in the inbox with their reasons while the good ones of the batch go through', async () => {
    const { Ref_Key: _dropped, ...orderWithoutRef } = order;
    void _dropped;
    const badDate = { ...order, Ref_Key: 'a1d3f7c2-4b6e-11f1-8c2a-00155d0a1f99', Date: '20.11.2026 10:15:00' };
    const { status, json, inbox } = await push(
      batch(orderWithoutRef, invoice, { ...order, entity: 'Document_ПеремещениеТоваров' }, badDate, 42),
    );
    expect(status).toBe(200);
    expect(json.results).toEqual([
      { refKey: null, outcome: 'rejected', reason: 'нет поля Ref_Key' },
      { refKey: invoice.Ref_Key, outcome: 'stored' },
      { refKey: order.Ref_Key, outcome: 'rejected', reason: 'неизвестный тип объекта 1С: Document_ПеремещениеТоваров' },
      { refKey: badDate.Ref_Key, outcome: 'rejected', reason: 'Date: не дата 1С вида ГГГГ-ММ-ДДTчч:мм:сс: "20.11.2026 10:15:00"' },
      { refKey: null, outcome: 'rejected', reason: 'объект 1С должен быть JSON-объектом' },
    ]);
    expect(inbox.map((r) => [r.outcome, r.reason, r.external_id])).toEqual([
      ['rejected', 'нет поля Ref_Key', null],
      ['stored', null, `${invoice.Ref_Key}:${invoice.DataVersion}`],
      ['rejected', 'неизвестный тип объекта 1С: Document_ПеремещениеТоваров', `${order.Ref_Key}:${order.DataVersion}`],
      ['rejected', expect.stringMatching(/^Date: не дата 1С/), `${badDate.Ref_Key}:${badDate.DataVersion}`],
      ['rejected', 'объект 1С должен быть JSON-объектом', null],
    ]);
    expect(JSON.parse(inbox[3]!.body)).toEqual(badDate);
    expect(await count(w, 'SELECT count(*) AS n FROM onec_documents WHERE ref_key = ?', invoice.Ref_Key)).toBe(1);
    expect(await count(w, 'SELECT count(*) AS n FROM onec_documents WHERE ref_key = ?', badDate.Ref_Key)).toBe(0);
  });

  test("the engine's refusal comes back with its reason: a document of a counterparty nobody sent", async () => {
    const stranger = { ...order, Ref_Key: '0c5de0a1-7777-11f1-8c2a-00155d0a1f01', Контрагент_Key: '0c5de0a1-0000-11f1-8c2a-00155d0a1f01' };
    const { json, inbox } = await push(batch(stranger));
    expect(json.results).toEqual([{ refKey: stranger.Ref_Key, outcome: 'rejected', reason: expect.stringContaining('не найден') }]);
    expect(inbox[0]).toMatchObject({ outcome: 'rejected', reason: json.results[0].reason });
  });

  test('items without their own entity take the one the batch names in odata.metadata', async () => {
    const body = JSON.stringify({
      'odata.metadata': 'http://1c.example.ru/ut11/odata/standard.odata/$metadata#Document_РеализацияТоваровУслуг',
      value: [shipment],
    });
    const { json } = await push(body);
    expect(json.results).toEqual([{ refKey: shipment['Ref_Key'], outcome: 'stored' }]);
    expect(
      await w.db.prepare('SELECT kind, basis_ref, basis_type FROM onec_documents WHERE ref_key = ?').bind(shipment['Ref_Key']).first(),
    ).toEqual({ kind: 'shipment', basis_ref: order.Ref_Key, basis_type: 'Document_ЗаказКлиента' });
  });
});

describe('who may push', () => {
  const body = batch({ ...counterparty, DataVersion: 'AAAAAwAAAAA=' });

  test.each([
    ['X-Request-Id, X-Timestamp and X-Signature over "<id>.<timestamp>.<body>"', () => onecPushHeaders(body)],
    [
      'Standard Webhooks headers with the same secret',
      async () => {
        const ts = TEST_NOW_S;
        return {
          'webhook-id': 'msg_onec_1',
          'webhook-timestamp': String(ts),
          'webhook-signature': await signStandardWebhook(SECRET, 'msg_onec_1', ts, body),
        };
      },
    ],
    [
      'X-Signature in upper-case hex',
      () => {
        const h = onecPushHeaders(body);
        return { ...h, 'x-signature': h['x-signature']!.toUpperCase().replace('SHA256=', 'sha256=') };
      },
    ],
  ])('accepted: %s', async (_name, headers) => {
    const { status, json } = await push(body, await headers());
    expect(status).toBe(200);
    expect(json.results).toHaveLength(1);
  });

  test.each([
    ['no credentials', 'none', 'missing X-Signature, X-Timestamp and X-Request-Id headers'],
    ['an HMAC with another secret', onecPushHeaders(body, { secret: 'не-тот-секрет' }), 'X-Signature mismatch'],
    ['an HMAC of another body', onecPushHeaders(batch()), 'X-Signature mismatch'],
    [
      'an HMAC whose X-Timestamp was changed',
      { ...onecPushHeaders(body, { requestId: 'moved-ts' }), 'x-timestamp': String(TEST_NOW_S - 60) },
      'X-Signature mismatch',
    ],
    [
      'the right secret over the body alone (the old, replayable X-Signature)',
      { 'x-signature': hmacOf(body) },
      'X-Signature without X-Timestamp and X-Request-Id is accepted only with ONEC_PUSH_AUTH=basic (it can be replayed): sign X-Request-Id.X-Timestamp.body',
    ],
    [
      'Basic with the right secret while ONEC_PUSH_AUTH is not basic',
      { authorization: basicOf() },
      'Authorization: Basic is accepted only with ONEC_PUSH_AUTH=basic (it can be replayed): sign X-Request-Id.X-Timestamp.body',
    ],
    ["a user's bearer token", { authorization: 'Bearer vka_something' }, 'missing X-Signature, X-Timestamp and X-Request-Id headers'],
  ] as [string, Auth, string][])('refused with 401 and kept in the inbox: %s', async (_name, auth, reason) => {
    const before = await tableCounts();
    const { status, json, inbox } = await push(body, auth);
    expect(status).toBe(401);
    expect(json.error.code).toBe('unauthorized');
    expect(inbox).toEqual([
      expect.objectContaining({ source: 'onec', outcome: 'rejected', reason: `unauthorized: ${reason}`, body, path: HOOK }),
    ]);
    // Neither credentials nor a signature are kept: with the body they are what a replay needs.
    const stored = JSON.parse(inbox[0]!.headers) as Record<string, string>;
    expect(stored).not.toHaveProperty('authorization');
    expect(Object.values(stored).filter((v) => /^sha256=|^Basic |^Bearer /i.test(v))).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('an unreadable envelope is a 400, kept in the inbox — never a 5xx', () => {
  test.each([
    ['not JSON', 'value=1'],
    ['no value array', '{"value":{"Ref_Key":"x"}}'],
    [
      'an array instead of the envelope',
      batch(order)
        .replace(/^\{"value":/, '')
        .replace(/\}$/, ''),
    ],
    ['more than 100 objects', batch(...Array.from({ length: 101 }, () => order))],
  ])('%s', async (_name, body) => {
    const { status, json, inbox } = await push(body);
    expect(status).toBe(400);
    expect(['bad_request', 'validation_failed']).toContain(json.error.code);
    expect(inbox).toEqual([expect.objectContaining({ source: 'onec', outcome: 'rejected', body, reason: expect.any(String) })]);
  });

  test('an empty batch is fine and answers no results', async () => {
    const { status, json, inbox } = await push(batch());
    expect(status).toBe(200);
    expect(json).toEqual({ results: [] });
    expect(inbox).toEqual([]);
  });
});

describe('without ONEC_ODATA_URL', () => {
  test('the cron leaves 1C alone: a new company waits in the outbox, untouched, and no watermark is written', async () => {
    const made = await apiAs(w, 'managerA').post('/api/companies', { name: 'ООО «Тихий Склад»', regionId: world.regions.msk });
    expect(made.status).toBe(201);
    await runCron(w);
    expect(
      await w.db.prepare('SELECT state, attempts, last_error FROM outbox WHERE entity_id = ?').bind(made.body.company.id).first(),
    ).toEqual({ state: 'pending', attempts: 0, last_error: null });
    expect(await count(w, 'SELECT count(*) AS n FROM sync_state')).toBe(0);
    const state = await apiAs(w, 'admin').get('/api/integrations/onec');
    expect(state.body).toMatchObject({ push: { configured: true }, pull: { configured: false }, outbox: { pending: 1, lastRunAt: null } });
  });
});

describe('when Воронка itself fails', () => {
  test('the batch answers 503 so that 1C sends it again, and its objects are kept in the inbox with the cause', async () => {
    const fresh = { ...order, Ref_Key: 'a1d3f7c2-4b6e-11f1-8c2a-00155d0a1f42', DataVersion: 'AAAABwAAAAA=' };
    await w.db.prepare('ALTER TABLE onec_documents RENAME TO onec_documents_away').run();
    try {
      const { status, json, inbox } = await push(batch(fresh, { entity: 'Document_ЗаказКлиента' }));
      expect(status).toBe(503);
      expect(json.error.code).toBe('unavailable');
      expect(inbox.map((r) => [r.outcome, r.external_id])).toEqual([
        ['rejected', `${fresh.Ref_Key}:AAAABwAAAAA=`],
        ['rejected', null],
      ]);
      expect(inbox[0]!.reason).toMatch(/^не применено: внутренняя ошибка/);
      expect(inbox[1]!.reason).toBe('нет поля Ref_Key');
    } finally {
      await w.db.prepare('ALTER TABLE onec_documents_away RENAME TO onec_documents').run();
    }
    const again = await push(batch(fresh));
    expect(again.json.results).toEqual([{ refKey: fresh.Ref_Key, outcome: 'stored' }]);
  });
});
