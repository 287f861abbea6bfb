import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Env } from '../../worker/src/platform/env';
import { loadConfig } from '../../worker/src/platform/config';
import { routes } from '../../worker/src/routes';
import { providerList, telephonyProviders } from '../../worker/src/telephony/providers';
import type { TelephonyAdapter } from '../../worker/src/telephony/providers/adapter';
import { zadarmaResult, zadarmaStartAnswer } from '../../worker/src/telephony/providers/zadarma';
import {
  FIXTURES_DIR,
  fixtureSpecs,
  genericRequest,
  loadFixtures,
  mangoRequest,
  standardWebhookHeaders,
  zadarmaRequest,
  type TelephonyFixture,
} from '../helpers/telephony';
import { TEST_SECRETS } from '../helpers/worker';
import { TEST_NOW, TEST_NOW_S } from '../helpers/clock';

const config = loadConfig(TEST_SECRETS as unknown as Env);

function verifyFixture(adapter: TelephonyAdapter, f: TelephonyFixture, change: { body?: string; headers?: Record<string, string> } = {}) {
  const url = new URL(`http://127.0.0.1${f.path}`);
  return adapter.verify({ headers: new Headers(change.headers ?? f.headers), body: change.body ?? f.body, url, config, now: f.receivedAt });
}

function readFixture(adapter: TelephonyAdapter, f: TelephonyFixture, body = f.body) {
  return adapter.read(
    f.kind,
    { method: 'POST', path: f.path, headers: new Headers(f.headers), body },
    { receivedAt: f.receivedAt, config },
  );
}

describe('the PBX adapter registry', () => {
  test('ids are unique and each entry is filed under its own id', () => {
    const ids = providerList.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [key, adapter] of Object.entries(telephonyProviders)) expect(adapter.id).toBe(key);
  });

  describe.each(providerList.map((p) => [p.id, p] as const))('%s', (id, adapter) => {
    test('declares a label, a verify and a reader', () => {
      expect(adapter.label.length).toBeGreaterThan(2);
      expect(typeof adapter.verify).toBe('function');
      expect(typeof adapter.read).toBe('function');
    });

    test("every hook it declares is a registered machine route that checks this adapter's signature", () => {
      for (const hook of adapter.hooks) {
        const route = routes.find((r) => r.method === 'post' && r.path === hook.path);
        expect({
          hook: hook.path,
          routed: Boolean(route),
          verify: route?.machine?.verify === adapter.verify,
          source: route?.machine?.source,
        }).toEqual({ hook: hook.path, routed: true, verify: true, source: id });
      }
    });

    test('has fixtures, each exactly as tests/helpers/telephony.ts writes it (real signatures, not edited by hand)', () => {
      const specs = fixtureSpecs()[id];
      expect(specs && Object.keys(specs).length).toBeGreaterThan(0);
      for (const [name, spec] of Object.entries(specs!)) {
        const file = join(FIXTURES_DIR, id, `${name}.json`);
        expect({ file, exists: existsSync(file) }).toEqual({ file, exists: true });
        expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(JSON.parse(JSON.stringify(spec)));
      }
    });

    test.each(loadFixtures(id).map(({ name, fixture }) => [name, fixture] as const))(
      'fixture %s verifies and reads as documented',
      async (_name, fixture) => {
        expect(await verifyFixture(adapter, fixture)).toMatchObject({ ok: true });
        const read = readFixture(adapter, fixture);
        expect(read).toMatchObject({ ok: true, externalId: fixture.externalId });
        expect(read.ok && read.signals).toEqual(fixture.signals);
      },
    );

    test.each(loadFixtures(id).map(({ name, fixture }) => [name, fixture] as const))(
      'fixture %s with one character changed is refused',
      async (_name, fixture) => {
        const tampered = fixture.body.replace(/\d/, (d) => String((Number(d) + 1) % 10));
        expect(tampered).not.toBe(fixture.body);
        expect(await verifyFixture(adapter, fixture, { body: tampered })).toMatchObject({ ok: false });
      },
    );
  });
});

describe('signatures', () => {
  const [mangoFixture] = loadFixtures('mango').map((f) => f.fixture);
  const [zadarmaFixture] = loadFixtures('zadarma').map((f) => f.fixture);
  const [genericFixture] = loadFixtures('generic').map((f) => f.fixture);

  test('Mango: sign over key + json + salt; a wrong salt or no sign is refused with the reason', async () => {
    const good = mangoRequest({ entry_id: 'e1', seq: 1 });
    const bad = mangoRequest({ entry_id: 'e1', seq: 1 }, 'bad');
    const missing = mangoRequest({ entry_id: 'e1', seq: 1 }, 'missing');
    const check = (init: RequestInit) =>
      telephonyProviders.mango.verify({
        headers: new Headers(init.headers as Record<string, string>),
        body: String(init.body),
        url: new URL('http://x/'),
        config,
        now: TEST_NOW,
      });
    expect(await check(good)).toEqual({ ok: true, integration: 'mango' });
    expect(await check(bad)).toEqual({ ok: false, reason: 'подпись sign не совпадает' });
    expect(await check(missing)).toEqual({ ok: false, reason: 'нет полей vpbx_api_key, sign или json' });
    expect(
      await verifyFixture(telephonyProviders.mango, mangoFixture!, {
        body: mangoFixture!.body.replace('test-mango-vpbx-key', 'other-key'),
      }),
    ).toEqual({ ok: false, reason: 'чужой vpbx_api_key' });
  });

  test("Zadarma: the Signature header over the event's own fields; missing, wrong or for an unknown event is refused", async () => {
    const fields = {
      event: 'NOTIFY_START',
      call_start: '2026-11-20 10:15:00',
      pbx_call_id: 'x1',
      caller_id: '+74951234567',
      called_did: '74957700000',
    };
    const check = (init: RequestInit) =>
      telephonyProviders.zadarma.verify({
        headers: new Headers(init.headers as Record<string, string>),
        body: String(init.body),
        url: new URL('http://x/'),
        config,
        now: TEST_NOW,
      });
    expect(await check(zadarmaRequest(fields))).toEqual({ ok: true, integration: 'zadarma' });
    expect(await check(zadarmaRequest(fields, 'bad'))).toEqual({ ok: false, reason: 'подпись Signature не совпадает' });
    expect(await check(zadarmaRequest(fields, 'missing'))).toEqual({ ok: false, reason: 'нет заголовка Signature' });
    expect(await check(zadarmaRequest({ ...fields, event: 'NOTIFY_WHATEVER' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('неизвестное событие NOTIFY_WHATEVER'),
    });
    // A field outside the signed ones may change (Zadarma signs only three), a signed one may not.
    const unsigned = zadarmaFixture!.body.replace('event=NOTIFY_START', 'event=NOTIFY_START&extra=1');
    expect(await verifyFixture(telephonyProviders.zadarma, zadarmaFixture!, { body: unsigned })).toEqual({
      ok: true,
      integration: 'zadarma',
    });
  });

  test('generic: Standard Webhooks over id.timestamp.body, inside a 5-minute window', async () => {
    const check = (init: RequestInit, now = TEST_NOW) =>
      telephonyProviders.generic.verify({
        headers: new Headers(init.headers as Record<string, string>),
        body: String(init.body),
        url: new URL('http://x/'),
        config,
        now,
      });
    const event = { type: 'call.ringing', call_id: 'c1', timestamp: TEST_NOW_S };
    expect(await check(genericRequest(event))).toEqual({ ok: true, integration: 'telephony' });
    expect(await check(genericRequest(event, { signing: 'bad' }))).toEqual({ ok: false, reason: 'signature mismatch' });
    expect(await check(genericRequest(event, { signing: 'missing' }))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('missing webhook-id'),
    });
    expect(await check(genericRequest(event), TEST_NOW + 6 * 60_000)).toEqual({
      ok: false,
      reason: 'webhook-timestamp outside the 5-minute window',
    });
    expect(
      await verifyFixture(telephonyProviders.generic, genericFixture!, {
        headers: {
          ...genericFixture!.headers,
          ...standardWebhookHeaders(genericFixture!.body, 'msg_other', genericFixture!.receivedAt / 1000),
        },
      }),
    ).toEqual({ ok: true, integration: 'telephony' });
  });

  test('the sandbox only accepts what the sandbox signed (it has no public URL)', () => {
    expect(telephonyProviders.sandbox.hooks).toEqual([]);
    expect(routes.filter((r) => r.machine?.source === 'sandbox')).toEqual([]);
  });
});

describe('readers refuse what they cannot read, saying why in Russian', () => {
  const mango = loadFixtures('mango').find((f) => f.name === 'call-connected')!.fixture;
  const zadarma = loadFixtures('zadarma').find((f) => f.name === 'notify-end')!.fixture;
  const generic = loadFixtures('generic').find((f) => f.name === 'call-ended')!.fixture;
  const mangoJson = JSON.parse(new URLSearchParams(mango.body).get('json')!);
  const withJson = (json: string) => new URLSearchParams({ vpbx_api_key: 'k', sign: 's', json }).toString();
  const zadarmaFields = Object.fromEntries(new URLSearchParams(zadarma.body));
  const genericEvent = JSON.parse(generic.body);

  test.each([
    ['a json field that is not JSON', withJson('{"entry_id":'), 'поле json: не JSON'],
    ['no call_state', withJson(JSON.stringify({ ...mangoJson, call_state: undefined })), 'нет поля call_state'],
    [
      'an unknown call_state',
      withJson(JSON.stringify({ ...mangoJson, call_state: 'Ringing' })),
      'call_state: ожидается одно из Appeared, Connected, OnHold, Disconnected, получено "Ringing"',
    ],
    ['a timestamp in 1970', withJson(JSON.stringify({ ...mangoJson, timestamp: 5 })), 'timestamp: неправдоподобное время'],
    ['to that is not an object', withJson(JSON.stringify({ ...mangoJson, to: '101' })), 'to: ожидается JSON-объект, получено "101"'],
    ['seq as text', withJson(JSON.stringify({ ...mangoJson, seq: 'три' })), 'seq: ожидается целое число, получено "три"'],
  ])('Mango events/call: %s', (_what, body, reason) => {
    expect(readFixture(telephonyProviders.mango, mango, body)).toEqual({
      ok: false,
      externalId: body.includes('entry_id%22%3A%22') ? `${mangoJson.entry_id}:events/call` : null,
      reason,
    });
  });

  test.each([
    [
      'call_start in another format',
      { call_start: '20.11.2026 10:15' },
      'call_start: ожидается «ГГГГ-ММ-ДД чч:мм:сс», получено "20.11.2026 10:15"',
    ],
    [
      'the 31st of November',
      { call_start: '2026-11-31 10:15:00' },
      'call_start: ожидается «ГГГГ-ММ-ДД чч:мм:сс», получено "2026-11-31 10:15:00"',
    ],
    ['a negative duration', { duration: '-5' }, 'duration: -5 вне допустимого диапазона 0…172800'],
    ['no pbx_call_id', { pbx_call_id: '' }, 'нет поля pbx_call_id'],
    ['an unsupported event', { event: 'NOTIFY_SMS' }, 'событие NOTIFY_SMS не поддерживается'],
  ])('Zadarma: %s', (_what, change, reason) => {
    const body = new URLSearchParams({ ...zadarmaFields, ...change }).toString();
    expect(readFixture(telephonyProviders.zadarma, zadarma, body)).toMatchObject({ ok: false, reason });
  });

  test.each([
    ['not JSON', '{"type":"call.ended",', 'тело: не JSON'],
    ['an empty array (a batch of nothing)', '[]', 'тело: пустой массив событий'],
    [
      'a batch with something that is not an event',
      JSON.stringify([genericEvent, 7]),
      'событие 2 из 2: событие: ожидается JSON-объект, получено 7',
    ],
    [
      'an unknown type',
      JSON.stringify({ ...genericEvent, type: 'call.hold' }),
      'type: ожидается одно из call.ringing, call.answered, call.ended, call.recording, получено "call.hold"',
    ],
    ['no call_id', JSON.stringify({ ...genericEvent, call_id: undefined }), 'нет поля call_id'],
    ['a call_id of 300 characters', JSON.stringify({ ...genericEvent, call_id: 'x'.repeat(300) }), 'call_id: длиннее 200 символов'],
    [
      'a zone-less timestamp',
      JSON.stringify({ ...genericEvent, timestamp: '2026-11-20 10:15:00' }),
      'timestamp: ожидается ISO 8601 с часовым поясом или unix-время',
    ],
    ['a timestamp next year', JSON.stringify({ ...genericEvent, timestamp: '2027-11-20T10:15:00Z' }), 'timestamp: неправдоподобное время'],
    ['duration as an object', JSON.stringify({ ...genericEvent, duration: { s: 5 } }), 'duration: ожидается целое число, получено {"s":5}'],
    [
      'a recording URL that is not http',
      JSON.stringify({ ...genericEvent, type: 'call.recording', recording_url: 'javascript:alert(1)' }),
      'recording_url: ожидается адрес http(s)',
    ],
  ])('generic: %s', (_what, body, reason) => {
    expect(readFixture(telephonyProviders.generic, generic, body)).toEqual({ ok: false, externalId: generic.externalId, reason });
  });
});

describe('Zadarma details', () => {
  test.each([
    ['answered', 'answered'],
    ['busy', 'busy'],
    ['cancel', 'missed'],
    ['no answer', 'missed'],
    ['failed', 'failed'],
    ['no money', 'failed'],
    ['unallocated number', 'failed'],
    ['line limit', 'failed'],
  ])('disposition "%s" is %s', (disposition, result) => {
    expect(zadarmaResult(disposition)).toBe(result);
  });

  test('the NOTIFY_START answer names the company and redirects to its manager only when the caller is known', () => {
    const card = {
      phone: '+74951234567',
      known: true,
      companyName: 'ООО "Кровля А"',
      ownerName: 'Анна',
      ownerExtension: '101',
      regionName: 'Москва',
      status: 'client' as const,
    };
    const outcome = {
      outcome: 'stored' as const,
      callRowId: 1,
      eventId: null,
      companyId: 101,
      createdLeadId: null,
      ring: { userId: 4, callId: 'x', card },
    };
    expect(zadarmaStartAnswer(outcome)).toEqual({ caller_name: 'ООО "Кровля А"', redirect: '101' });
    expect(zadarmaStartAnswer({ ...outcome, ring: { ...outcome.ring, card: { ...card, ownerExtension: null } } })).toEqual({
      caller_name: 'ООО "Кровля А"',
    });
    expect(zadarmaStartAnswer({ ...outcome, ring: null })).toEqual({});
    expect(zadarmaStartAnswer(undefined)).toEqual({});
  });
});
