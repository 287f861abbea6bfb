/**
 * Telephony test kit: signers for every provider written with node:crypto (independent of the
 * worker's WebCrypto code they check), the fixture definitions with the signals each must read
 * as, and the script that writes tests/fixtures/telephony/<provider>/*.json with real signatures:
 *
 *   npx tsx tests/helpers/telephony.ts        # rewrites the fixtures
 */
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CallSignal } from '../../schema/contracts/telephony';
import { TEST_SECRETS } from './worker';
import { TEST_NOW, TEST_NOW_S } from './clock';

export const FIXTURES_DIR = join(__dirname, '..', 'fixtures', 'telephony');

export const MANGO = { key: TEST_SECRETS.MANGO_VPBX_API_KEY, salt: TEST_SECRETS.MANGO_VPBX_API_SALT };
export const ZADARMA = { secret: TEST_SECRETS.ZADARMA_API_SECRET, key: TEST_SECRETS.ZADARMA_API_KEY };
export const GENERIC_SECRET = TEST_SECRETS.TELEPHONY_WEBHOOK_SECRET;

// ---- signers ----------------------------------------------------------------------------------------

/** Mango: sign = hex(sha256(vpbx_api_key + json + vpbx_api_salt)); the request is the form of the three. */
export function mangoSign(json: string, key = MANGO.key, salt = MANGO.salt): string {
  return createHash('sha256')
    .update(key + json + salt, 'utf8')
    .digest('hex');
}

export function mangoForm(json: string, opts: { key?: string; salt?: string; sign?: string } = {}): string {
  const key = opts.key ?? MANGO.key;
  return new URLSearchParams({ vpbx_api_key: key, sign: opts.sign ?? mangoSign(json, key, opts.salt ?? MANGO.salt), json }).toString();
}

/** Zadarma: base64 of the hex string of HMAC-SHA1(secret, the event's signed fields concatenated). */
export const ZADARMA_SIGNED: Record<string, string[]> = {
  NOTIFY_START: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_IVR: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_END: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_INTERNAL: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_ANSWER: ['caller_id', 'destination', 'call_start'],
  NOTIFY_OUT_START: ['internal', 'destination', 'call_start'],
  NOTIFY_OUT_END: ['internal', 'destination', 'call_start'],
  NOTIFY_RECORD: ['pbx_call_id', 'call_id_with_rec'],
};

export function zadarmaHmac(message: string, secret = ZADARMA.secret): string {
  return Buffer.from(createHmac('sha1', secret).update(message, 'utf8').digest('hex'), 'utf8').toString('base64');
}

export function zadarmaSignature(fields: Record<string, string>, secret = ZADARMA.secret): string {
  const names = ZADARMA_SIGNED[fields['event'] ?? ''] ?? [];
  return zadarmaHmac(names.map((n) => fields[n] ?? '').join(''), secret);
}

/** Zadarma REST: `key:base64(hex(hmac_sha1(method + sorted query + md5(sorted query))))`, query as PHP builds it. */
export function zadarmaRestSignature(method: string, params: Record<string, string>, secret = ZADARMA.secret): string {
  const sorted = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!).replace(/%20/g, '+')}`)
    .join('&');
  return zadarmaHmac(method + sorted + createHash('md5').update(sorted, 'utf8').digest('hex'), secret);
}

/** Standard Webhooks headers for a body, `whsec_` secrets base64-decoded first. */
export function standardWebhookHeaders(body: string, id: string, timestampS: number, secret = GENERIC_SECRET): Record<string, string> {
  const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
  const signature = createHmac('sha256', key).update(`${id}.${timestampS}.${body}`, 'utf8').digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampS), 'webhook-signature': `v1,${signature}` };
}

// ---- fixtures -----------------------------------------------------------------------------------------

/** One request a PBX sends, with what the adapter must read from it. */
export interface TelephonyFixture {
  about: string;
  provider: 'mango' | 'zadarma' | 'generic' | 'sandbox';
  /** The adapter's hook kind (mango: events/call …; zadarma: notify; generic and sandbox: event). */
  kind: string;
  path: string;
  receivedAt: number;
  headers: Record<string, string>;
  body: string;
  externalId: string | null;
  signals: CallSignal[];
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const JSON_TYPE = { 'content-type': 'application/json' };

/** 2026-11-20 10:15:00 Moscow: a known client (+7 495 123-45-67, company 101) calls the line 8 495 770-00-00. */
export const T = 1_795_158_900;
const ZD_START = '2026-11-20 10:15:00';
const ENTRY = 'MTAxOjE3OTUxNTg5MDA6ZW50cnk=';
const LEG_IVR = 'MToxMDA1NzU5Mzo1MDI6NjI1ODM4MzQ=';
const LEG_101 = 'MToxMDA1NzU5Mzo1MDI6NjI1ODM4MzU=';
const OUT_ENTRY = 'MTAyOjE3OTUxNTk1MDA6b3V0';

const sig = (s: Partial<CallSignal> & Pick<CallSignal, 'provider' | 'callId' | 'phase' | 'at'>): CallSignal => CallSignal.parse(s);

function mangoFixture(
  about: string,
  kind: string,
  json: object,
  receivedAt: number,
  externalId: string | null,
  signals: CallSignal[],
): TelephonyFixture {
  return {
    about,
    provider: 'mango',
    kind,
    path: `/hooks/telephony/mango/${kind}`,
    receivedAt,
    headers: { ...FORM },
    body: mangoForm(JSON.stringify(json)),
    externalId,
    signals,
  };
}

function zadarmaFixture(
  about: string,
  fields: Record<string, string>,
  receivedAt: number,
  externalId: string | null,
  signals: CallSignal[],
): TelephonyFixture {
  return {
    about,
    provider: 'zadarma',
    kind: 'notify',
    path: '/hooks/telephony/zadarma',
    receivedAt,
    headers: { ...FORM, signature: zadarmaSignature(fields) },
    body: new URLSearchParams(fields).toString(),
    externalId,
    signals,
  };
}

function genericFixture(
  provider: 'generic' | 'sandbox',
  about: string,
  event: object,
  id: string,
  receivedAt: number,
  signals: CallSignal[],
): TelephonyFixture {
  const body = JSON.stringify(event);
  return {
    about,
    provider,
    kind: 'event',
    path: '/hooks/telephony/generic',
    receivedAt,
    headers: { ...JSON_TYPE, ...standardWebhookHeaders(body, id, Math.floor(receivedAt / 1000)) },
    body,
    externalId: id,
    signals,
  };
}

const inbound = { from: { number: '74951234567' }, to: { number: '74957700000', line_number: '74957700000' } };
const at = (s: number) => (T + s) * 1000;

/** Every fixture by provider and file name; `npx tsx tests/helpers/telephony.ts` writes them. */
export function fixtureSpecs(): Record<string, Record<string, TelephonyFixture>> {
  const m = { provider: 'mango' as const, callId: ENTRY };
  const z = { provider: 'zadarma' as const, callId: 'in_8f2b6c1e0a9d4e7f' };
  const zo = { provider: 'zadarma' as const, callId: 'out_2d7e91b4c3a8f605' };
  const zStart = { call_start: ZD_START, pbx_call_id: z.callId, caller_id: '+74951234567', called_did: '74957700000' };
  const zOut = { call_start: '2026-11-20 10:25:00', pbx_call_id: zo.callId, internal: '102', destination: '79161234567' };
  return {
    mango: {
      'call-appeared-ivr': mangoFixture(
        'Входящий звонок появился в голосовом меню',
        'events/call',
        { entry_id: ENTRY, call_id: LEG_IVR, timestamp: T, seq: 1, call_state: 'Appeared', location: 'ivr', ...inbound },
        at(0),
        `${ENTRY}:${LEG_IVR}:1:Appeared`,
        [
          sig({
            ...m,
            seq: 1,
            phase: 'ringing',
            direction: 'in',
            from: '74951234567',
            to: '74957700000',
            line: '74957700000',
            at: at(0),
            leg: LEG_IVR,
          }),
        ],
      ),
      'call-appeared-abonent': mangoFixture(
        'Звонок распределён на сотрудника 101',
        'events/call',
        {
          entry_id: ENTRY,
          call_id: LEG_101,
          timestamp: T + 3,
          seq: 2,
          call_state: 'Appeared',
          location: 'abonent',
          from: inbound.from,
          to: { extension: '101', number: 'sip:anna@krovlya.mangosip.ru', line_number: '74957700000' },
        },
        at(3),
        `${ENTRY}:${LEG_101}:2:Appeared`,
        [
          sig({
            ...m,
            seq: 2,
            phase: 'ringing',
            direction: 'in',
            from: '74951234567',
            to: 'sip:anna@krovlya.mangosip.ru',
            extension: '101',
            line: '74957700000',
            at: at(3),
            leg: LEG_101,
          }),
        ],
      ),
      'call-connected': mangoFixture(
        'Сотрудник 101 ответил',
        'events/call',
        {
          entry_id: ENTRY,
          call_id: LEG_101,
          timestamp: T + 8,
          seq: 3,
          call_state: 'Connected',
          location: 'abonent',
          from: inbound.from,
          to: { extension: '101', number: 'sip:anna@krovlya.mangosip.ru', line_number: '74957700000' },
        },
        at(8),
        `${ENTRY}:${LEG_101}:3:Connected`,
        [
          sig({
            ...m,
            seq: 3,
            phase: 'answered',
            direction: 'in',
            from: '74951234567',
            to: 'sip:anna@krovlya.mangosip.ru',
            extension: '101',
            line: '74957700000',
            at: at(8),
            leg: LEG_101,
          }),
        ],
      ),
      'call-disconnected': mangoFixture(
        'Разговор завершён',
        'events/call',
        {
          entry_id: ENTRY,
          call_id: LEG_101,
          timestamp: T + 75,
          seq: 4,
          call_state: 'Disconnected',
          location: 'abonent',
          from: inbound.from,
          to: { extension: '101', number: 'sip:anna@krovlya.mangosip.ru', line_number: '74957700000' },
          disconnect_reason: 1110,
        },
        at(75),
        `${ENTRY}:${LEG_101}:4:Disconnected`,
        [
          sig({
            ...m,
            seq: 4,
            phase: 'ended',
            direction: 'in',
            from: '74951234567',
            to: 'sip:anna@krovlya.mangosip.ru',
            line: '74957700000',
            at: at(75),
            leg: LEG_101,
          }),
        ],
      ),
      'summary-answered': mangoFixture(
        'Итог входящего: отвечен, разговор 67 с',
        'events/summary',
        {
          entry_id: ENTRY,
          call_direction: 1,
          from: { number: '74951234567' },
          to: { extension: '101', number: '74957700000' },
          line_number: '74957700000',
          create_time: T,
          forward_time: T + 3,
          talk_time: T + 8,
          end_time: T + 75,
          entry_result: 1,
          disconnect_reason: 1110,
        },
        at(76),
        `${ENTRY}:summary`,
        [
          sig({
            ...m,
            phase: 'summary',
            direction: 'in',
            from: '74951234567',
            to: '74957700000',
            extension: '101',
            line: '74957700000',
            at: at(75),
            talkSec: 67,
            result: 'answered',
            startedAt: at(0),
            answeredAt: at(8),
          }),
        ],
      ),
      recording: mangoFixture(
        'Запись разговора готова',
        'events/recording',
        {
          entry_id: ENTRY,
          call_id: LEG_101,
          recording_id: 'MToxMDA1NzU5MzoxNzk1MTU4OTAwOjE=',
          recording_state: 'Completed',
          timestamp: T + 80,
          extension: '101',
        },
        at(81),
        `${ENTRY}:recording:MToxMDA1NzU5MzoxNzk1MTU4OTAwOjE=`,
        [sig({ ...m, phase: 'recording', at: at(80), recordingUrl: 'mango:recording:MToxMDA1NzU5MzoxNzk1MTU4OTAwOjE=' })],
      ),
      'call-outgoing-appeared': mangoFixture(
        'Исходящий от сотрудника 102',
        'events/call',
        {
          entry_id: OUT_ENTRY,
          call_id: 'MToxMDA1NzU5Mzo1MDI6NjI1ODM5MDA=',
          timestamp: T + 600,
          seq: 1,
          call_state: 'Appeared',
          location: 'abonent',
          from: { extension: '102', number: 'sip:boris@krovlya.mangosip.ru' },
          to: { number: '79161234567' },
        },
        at(600),
        `${OUT_ENTRY}:MToxMDA1NzU5Mzo1MDI6NjI1ODM5MDA=:1:Appeared`,
        [
          sig({
            provider: 'mango',
            callId: OUT_ENTRY,
            seq: 1,
            phase: 'ringing',
            direction: 'out',
            from: 'sip:boris@krovlya.mangosip.ru',
            to: '79161234567',
            extension: '102',
            at: at(600),
            leg: 'MToxMDA1NzU5Mzo1MDI6NjI1ODM5MDA=',
          }),
        ],
      ),
      'summary-outgoing-missed': mangoFixture(
        'Итог исходящего: клиент не ответил',
        'events/summary',
        {
          entry_id: OUT_ENTRY,
          call_direction: 2,
          from: { extension: '102', number: 'sip:boris@krovlya.mangosip.ru' },
          to: { number: '79161234567' },
          create_time: T + 600,
          forward_time: 0,
          talk_time: 0,
          end_time: T + 630,
          entry_result: 0,
          disconnect_reason: 1120,
        },
        at(631),
        `${OUT_ENTRY}:summary`,
        [
          sig({
            provider: 'mango',
            callId: OUT_ENTRY,
            phase: 'summary',
            direction: 'out',
            from: 'sip:boris@krovlya.mangosip.ru',
            to: '79161234567',
            extension: '102',
            at: at(630),
            talkSec: 0,
            result: 'missed',
            startedAt: at(600),
          }),
        ],
      ),
      ping: mangoFixture('Проверка связи', 'ping', {}, at(0), null, []),
    },
    zadarma: {
      'notify-start': zadarmaFixture(
        'NOTIFY_START: входящий звонок на номер 8 495 770-00-00',
        { event: 'NOTIFY_START', ...zStart },
        at(0),
        `${z.callId}:NOTIFY_START`,
        [sig({ ...z, phase: 'ringing', direction: 'in', from: '+74951234567', to: '74957700000', line: '74957700000', at: at(0) })],
      ),
      'notify-internal': zadarmaFixture(
        'NOTIFY_INTERNAL: звонит внутренний 101',
        { event: 'NOTIFY_INTERNAL', ...zStart, internal: '101' },
        at(3),
        `${z.callId}:NOTIFY_INTERNAL:101`,
        [
          sig({
            ...z,
            phase: 'ringing',
            direction: 'in',
            from: '+74951234567',
            to: '74957700000',
            line: '74957700000',
            extension: '101',
            at: at(0),
          }),
        ],
      ),
      'notify-answer': zadarmaFixture(
        'NOTIFY_ANSWER: внутренний 101 ответил',
        {
          event: 'NOTIFY_ANSWER',
          call_start: ZD_START,
          pbx_call_id: z.callId,
          caller_id: '+74951234567',
          destination: '101',
          called_did: '74957700000',
          internal: '101',
        },
        at(8),
        `${z.callId}:NOTIFY_ANSWER:101`,
        [
          sig({
            ...z,
            phase: 'answered',
            direction: 'in',
            from: '+74951234567',
            to: '101',
            line: '74957700000',
            extension: '101',
            at: at(0),
          }),
        ],
      ),
      'notify-end': zadarmaFixture(
        'NOTIFY_END: разговор 67 с, записан',
        {
          event: 'NOTIFY_END',
          ...zStart,
          internal: '101',
          duration: '67',
          disposition: 'answered',
          status_code: '16',
          is_recorded: '1',
          call_id_with_rec: '1795158900.4711',
        },
        at(76),
        `${z.callId}:NOTIFY_END`,
        [
          sig({
            ...z,
            phase: 'ended',
            direction: 'in',
            from: '+74951234567',
            to: '74957700000',
            line: '74957700000',
            extension: '101',
            at: at(67),
            talkSec: 67,
            result: 'answered',
            startedAt: at(0),
            answeredAt: at(0),
            recordingUrl: 'zadarma:call_id_with_rec:1795158900.4711',
          }),
        ],
      ),
      'notify-record': zadarmaFixture(
        'NOTIFY_RECORD: запись готова',
        { event: 'NOTIFY_RECORD', pbx_call_id: z.callId, call_id_with_rec: '1795158900.4711' },
        at(120),
        `${z.callId}:NOTIFY_RECORD:1795158900.4711`,
        [sig({ ...z, phase: 'recording', at: at(120), recordingUrl: 'zadarma:call_id_with_rec:1795158900.4711' })],
      ),
      'notify-out-start': zadarmaFixture(
        'NOTIFY_OUT_START: внутренний 102 звонит клиенту',
        { event: 'NOTIFY_OUT_START', ...zOut, caller_id: '74957700000' },
        at(600),
        `${zo.callId}:NOTIFY_OUT_START`,
        [sig({ ...zo, phase: 'ringing', direction: 'out', from: '74957700000', to: '79161234567', extension: '102', at: at(600) })],
      ),
      'notify-out-end': zadarmaFixture(
        'NOTIFY_OUT_END: клиент не ответил',
        {
          event: 'NOTIFY_OUT_END',
          ...zOut,
          caller_id: '74957700000',
          duration: '0',
          disposition: 'no answer',
          status_code: '19',
          is_recorded: '0',
        },
        at(631),
        `${zo.callId}:NOTIFY_OUT_END`,
        [
          sig({
            ...zo,
            phase: 'ended',
            direction: 'out',
            from: '74957700000',
            to: '79161234567',
            extension: '102',
            at: at(600),
            talkSec: 0,
            result: 'missed',
            startedAt: at(600),
          }),
        ],
      ),
      'notify-ivr': zadarmaFixture(
        'NOTIFY_IVR: голосовое меню — звонок не меняется',
        { event: 'NOTIFY_IVR', ...zStart },
        at(1),
        `${z.callId}:NOTIFY_IVR`,
        [],
      ),
    },
    generic: {
      'call-ringing': genericFixture(
        'generic',
        'Asterisk: входящий звонит на 101',
        {
          type: 'call.ringing',
          call_id: '1795158900.42',
          direction: 'in',
          from: '+74951234567',
          to: '+74957700000',
          extension: '101',
          line: '+74957700000',
          timestamp: '2026-11-20T10:15:00+03:00',
        },
        'msg_ast_1795158900.42_ringing',
        at(0),
        [
          sig({
            provider: 'generic',
            callId: '1795158900.42',
            phase: 'ringing',
            direction: 'in',
            from: '+74951234567',
            to: '+74957700000',
            extension: '101',
            line: '+74957700000',
            at: at(0),
          }),
        ],
      ),
      'call-answered': genericFixture(
        'generic',
        'Asterisk: 101 ответил (unix-время)',
        {
          type: 'call.answered',
          call_id: '1795158900.42',
          direction: 'in',
          from: '+74951234567',
          to: '+74957700000',
          extension: '101',
          timestamp: T + 8,
        },
        'msg_ast_1795158900.42_answered',
        at(8),
        [
          sig({
            provider: 'generic',
            callId: '1795158900.42',
            phase: 'answered',
            direction: 'in',
            from: '+74951234567',
            to: '+74957700000',
            extension: '101',
            at: at(8),
          }),
        ],
      ),
      'call-ended': genericFixture(
        'generic',
        'Asterisk: разговор 67 с',
        {
          type: 'call.ended',
          call_id: '1795158900.42',
          direction: 'in',
          from: '+74951234567',
          to: '+74957700000',
          extension: '101',
          timestamp: '2026-11-20T07:16:15Z',
          duration: 67,
          result: 'answered',
        },
        'msg_ast_1795158900.42_ended',
        at(76),
        [
          sig({
            provider: 'generic',
            callId: '1795158900.42',
            phase: 'ended',
            direction: 'in',
            from: '+74951234567',
            to: '+74957700000',
            extension: '101',
            at: at(75),
            talkSec: 67,
            result: 'answered',
            answeredAt: at(8),
          }),
        ],
      ),
      'call-recording': genericFixture(
        'generic',
        'Asterisk: запись (MixMonitor) выложена',
        {
          type: 'call.recording',
          call_id: '1795158900.42',
          timestamp: T + 90,
          recording_url: 'https://pbx.krovlya.ru/monitor/2026/11/20/1795158900.42.wav',
        },
        'msg_ast_1795158900.42_recording',
        at(91),
        [
          sig({
            provider: 'generic',
            callId: '1795158900.42',
            phase: 'recording',
            at: at(90),
            recordingUrl: 'https://pbx.krovlya.ru/monitor/2026/11/20/1795158900.42.wav',
          }),
        ],
      ),
    },
    sandbox: {
      'click-to-call-ringing': genericFixture(
        'sandbox',
        'Тестовая АТС: 101 набирает клиента',
        {
          type: 'call.ringing',
          call_id: 'sandbox-vka-1',
          direction: 'out',
          from: '101',
          to: '+74951234567',
          extension: '101',
          timestamp: '2026-11-20T07:14:07.000Z',
          seq: 1,
          sandbox: 'Тестовая АТС (песочница)',
        },
        'sandbox_sandbox-vka-1_call.ringing',
        at(0),
        [
          sig({
            provider: 'sandbox',
            callId: 'sandbox-vka-1',
            seq: 1,
            phase: 'ringing',
            direction: 'out',
            from: '101',
            to: '+74951234567',
            extension: '101',
            at: at(-53),
          }),
        ],
      ),
      'click-to-call-ended': genericFixture(
        'sandbox',
        'Тестовая АТС: разговор 47 с',
        {
          type: 'call.ended',
          call_id: 'sandbox-vka-1',
          direction: 'out',
          from: '101',
          to: '+74951234567',
          extension: '101',
          timestamp: '2026-11-20T07:15:00.000Z',
          seq: 3,
          duration: 47,
          result: 'answered',
          sandbox: 'Тестовая АТС (песочница)',
        },
        'sandbox_sandbox-vka-1_call.ended',
        at(0),
        [
          sig({
            provider: 'sandbox',
            callId: 'sandbox-vka-1',
            seq: 3,
            phase: 'ended',
            direction: 'out',
            from: '101',
            to: '+74951234567',
            extension: '101',
            at: at(0),
            talkSec: 47,
            result: 'answered',
            answeredAt: at(-47),
          }),
        ],
      ),
    },
  };
}

export function writeFixtures(): string[] {
  const written: string[] = [];
  for (const [provider, files] of Object.entries(fixtureSpecs())) {
    mkdirSync(join(FIXTURES_DIR, provider), { recursive: true });
    for (const [name, fixture] of Object.entries(files)) {
      const file = join(FIXTURES_DIR, provider, `${name}.json`);
      writeFileSync(file, `${JSON.stringify(fixture, null, 2)}\n`);
      written.push(file);
    }
  }
  return written;
}

export function loadFixtures(provider: string): { name: string; fixture: TelephonyFixture }[] {
  const dir = join(FIXTURES_DIR, provider);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      fixture: JSON.parse(readFileSync(join(dir, f), 'utf8')) as TelephonyFixture,
    }));
}

export function loadFixture(provider: string, name: string): TelephonyFixture {
  return JSON.parse(readFileSync(join(FIXTURES_DIR, provider, `${name}.json`), 'utf8')) as TelephonyFixture;
}

// ---- live requests for the integration tests ------------------------------------------------------------

/** A Mango notification signed now (or with a wrong salt / no sign when asked). */
export function mangoRequest(json: object | string, signing: 'good' | 'bad' | 'missing' = 'good'): RequestInit {
  const text = typeof json === 'string' ? json : JSON.stringify(json);
  const body =
    signing === 'missing'
      ? new URLSearchParams({ vpbx_api_key: MANGO.key, json: text }).toString()
      : mangoForm(text, signing === 'bad' ? { salt: 'wrong-salt' } : {});
  return { method: 'POST', headers: { ...FORM }, body };
}

export function zadarmaRequest(fields: Record<string, string>, signing: 'good' | 'bad' | 'missing' = 'good'): RequestInit {
  const headers: Record<string, string> = { ...FORM };
  if (signing !== 'missing') headers['signature'] = zadarmaSignature(fields, signing === 'bad' ? 'wrong-secret' : ZADARMA.secret);
  return { method: 'POST', headers, body: new URLSearchParams(fields).toString() };
}

let genericSeq = 0;
export function genericRequest(
  event: object | string,
  opts: { signing?: 'good' | 'bad' | 'missing'; id?: string; nowS?: number } = {},
): RequestInit {
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  const id = opts.id ?? `msg_test_${TEST_NOW}_${++genericSeq}`;
  const ts = opts.nowS ?? TEST_NOW_S;
  const headers: Record<string, string> = { ...JSON_TYPE };
  if (opts.signing !== 'missing')
    Object.assign(headers, standardWebhookHeaders(body, id, ts, opts.signing === 'bad' ? 'whsec_d3Jvbmctc2VjcmV0' : GENERIC_SECRET));
  return { method: 'POST', headers, body };
}

// ---- a stand-in for the providers' callback APIs ----------------------------------------------------------

export interface PbxApiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
}

export interface PbxApiServer {
  url: string;
  requests: PbxApiRequest[];
  /** The status and body of the next answers (default: what the provider answers on success). */
  answer: { status: number; body: string } | null;
  close: () => Promise<void>;
}

/** Logs every request and answers as Mango (`{"result":1000}`) or Zadarma (`{"status":"success",…}`) do on success. */
export async function startPbxApiServer(provider: 'mango' | 'zadarma'): Promise<PbxApiServer> {
  const state: { requests: PbxApiRequest[]; answer: PbxApiServer['answer'] } = { requests: [], answer: null };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]));
      const entry: PbxApiRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      state.requests.push(entry);
      const success =
        provider === 'mango'
          ? '{"result":1000}'
          : JSON.stringify({ status: 'success', from: entry.query['from'], to: entry.query['to'], time: 1795158900 });
      const { status, body } = state.answer ?? { status: 200, body: success };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get requests() {
      return state.requests;
    },
    get answer() {
      return state.answer;
    },
    set answer(a) {
      state.answer = a;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

if (require.main === module) {
  for (const file of writeFixtures()) console.log(file);
}
