import type { CallOutcome, CallSignal } from '../../../../schema/contracts';
import { hmac, safeEqual, toHex } from '../../platform/crypto';
import type { ServiceContext } from '../../platform/route';
import { localTimeToUtc } from '../../platform/time';
import type { ClickToCall, ClickToCallResult, ProviderRead, RawPayload, ReadContext, TelephonyAdapter, VerifyArgs } from './adapter';
import { Unreadable, formFields, formOrReason, integer, plausibleTime, readWith, requiredText, signal, text, type Fields } from './fields';
import { callProviderApi, parseJsonOrNull } from './http';

/**
 * Zadarma: form-encoded notifications (field `event`) to one URL, signed in the `Signature`
 * header with base64 of the HEX HMAC-SHA1 of the event's own fields; a GET `?zd_echo=` checks the URL.
 */
export const ZADARMA_PATH = '/hooks/telephony/zadarma';

/**
 * The fields each event signs, concatenated in this order. INTERNAL and ANSWER are *unconfirmed*
 * (taken from Zadarma's PHP SDK, not its docs page); IVR signs like START (the SDK's IvrNotify extends it).
 */
export const ZADARMA_SIGNED_FIELDS: Record<string, readonly string[]> = {
  NOTIFY_START: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_IVR: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_END: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_OUT_START: ['internal', 'destination', 'call_start'],
  NOTIFY_OUT_END: ['internal', 'destination', 'call_start'],
  NOTIFY_RECORD: ['pbx_call_id', 'call_id_with_rec'],
  NOTIFY_INTERNAL: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_ANSWER: ['caller_id', 'destination', 'call_start'],
};

/** base64 of the lower-case hex string of HMAC-SHA1 — Zadarma signs the hex text, not the raw digest. */
export async function zadarmaSignature(secret: string, message: string): Promise<string> {
  return btoa(toHex(await hmac('SHA-1', secret, message)));
}

async function verify({ headers, body, config }: VerifyArgs) {
  const settings = config.telephony.zadarma;
  if (!settings) return { ok: false as const, reason: 'Zadarma не настроена (ZADARMA_API_SECRET)' };
  const given = headers.get('signature');
  if (!given) return { ok: false as const, reason: 'нет заголовка Signature' };
  const parsed = formOrReason(body);
  if (!parsed.ok) return parsed;
  const form = parsed.form;
  const event = form['event'];
  const fields = event ? ZADARMA_SIGNED_FIELDS[event] : undefined;
  if (!fields)
    return { ok: false as const, reason: event ? `неизвестное событие ${event.slice(0, 40)}: подпись проверить нельзя` : 'нет поля event' };
  const expected = await zadarmaSignature(settings.secret, fields.map((f) => form[f] ?? '').join(''));
  return safeEqual(given.trim(), expected)
    ? { ok: true as const, integration: 'zadarma' }
    : { ok: false as const, reason: 'подпись Signature не совпадает' };
}

const CALL_START = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** call_start is local time without a zone. *unconfirmed*: that the zone is the account's (ZADARMA_TIME_ZONE). */
function callStart(o: Fields, timeZone: string, receivedAt: number): number {
  const v = requiredText(o, 'call_start', 40);
  const m = CALL_START.exec(v);
  const [y, mo, d, h, mi, s] = (m ?? []).slice(1).map(Number) as number[];
  if (!m || mo! < 1 || mo! > 12 || d! < 1 || d! > new Date(Date.UTC(y!, mo!, 0)).getUTCDate() || h! > 23 || mi! > 59 || s! > 59) {
    throw new Unreadable(`call_start: ожидается «ГГГГ-ММ-ДД чч:мм:сс», получено "${v}"`);
  }
  return plausibleTime(localTimeToUtc(v.replace(' ', 'T'), timeZone), receivedAt, 'call_start');
}

/** Zadarma's disposition → our result; anything not listed is a failure of the line. */
export function zadarmaResult(disposition: string | null): CallSignal['result'] {
  if (disposition === null) return null;
  if (disposition === 'answered') return 'answered';
  if (disposition === 'busy') return 'busy';
  if (disposition === 'cancel' || disposition === 'no answer') return 'missed';
  return 'failed';
}

const MAX_DURATION_S = 2 * 86_400;

function read(kind: string, payload: RawPayload, { receivedAt, config }: ReadContext): ProviderRead {
  let form: Record<string, string> = {};
  const idOf = () => (form['pbx_call_id'] && form['event'] ? `${form['pbx_call_id']}:${form['event']}` : null);
  return readWith(idOf, () => {
    if (kind !== 'notify') throw new Unreadable(`неизвестный вход Zadarma: ${kind}`);
    form = formFields(payload.body);
    const o: Fields = form;
    const event = requiredText(o, 'event', 40);
    const timeZone = config.telephony.zadarma?.timeZone ?? 'Europe/Moscow';
    if (event === 'NOTIFY_RECORD') {
      const callId = requiredText(o, 'pbx_call_id', 200);
      const recording = requiredText(o, 'call_id_with_rec', 200);
      return {
        externalId: `${callId}:${event}:${recording}`,
        signals: [
          signal({
            provider: 'zadarma',
            callId,
            phase: 'recording',
            at: receivedAt,
            recordingUrl: `zadarma:call_id_with_rec:${recording}`,
          }),
        ],
      };
    }
    const callId = requiredText(o, 'pbx_call_id', 200);
    const start = callStart(o, timeZone, receivedAt);
    const base = { provider: 'zadarma' as const, callId };
    switch (event) {
      case 'NOTIFY_START':
        return {
          externalId: `${callId}:${event}`,
          signals: [
            signal({
              ...base,
              phase: 'ringing',
              direction: 'in',
              from: text(o, 'caller_id'),
              to: text(o, 'called_did'),
              line: text(o, 'called_did'),
              at: start,
            }),
          ],
        };
      case 'NOTIFY_IVR':
        return { externalId: `${callId}:${event}`, signals: [], note: 'NOTIFY_IVR: голосовое меню, звонок не меняется' };
      case 'NOTIFY_INTERNAL': {
        const internal = requiredText(o, 'internal', 32);
        return {
          externalId: `${callId}:${event}:${internal}`,
          signals: [
            signal({
              ...base,
              phase: 'ringing',
              direction: 'in',
              from: text(o, 'caller_id'),
              to: text(o, 'called_did'),
              line: text(o, 'called_did'),
              extension: internal,
              at: start,
            }),
          ],
        };
      }
      case 'NOTIFY_ANSWER': {
        // The payload names no answer time and receipt is not a provider's moment (a late delivery would
        // move the call): the answer is placed at call_start, the one moment Zadarma gives (*unconfirmed*:
        // the ring time before the answer is not in any notification).
        const internal = requiredText(o, 'internal', 32);
        return {
          externalId: `${callId}:${event}:${internal}`,
          signals: [
            signal({
              ...base,
              phase: 'answered',
              direction: 'in',
              from: text(o, 'caller_id'),
              to: text(o, 'destination') ?? text(o, 'called_did'),
              line: text(o, 'called_did'),
              extension: internal,
              at: start,
            }),
          ],
        };
      }
      case 'NOTIFY_OUT_START': {
        const internal = requiredText(o, 'internal', 32);
        return {
          externalId: `${callId}:${event}`,
          signals: [
            signal({
              ...base,
              phase: 'ringing',
              direction: 'out',
              from: text(o, 'caller_id') ?? internal,
              to: requiredText(o, 'destination'),
              extension: internal,
              at: start,
            }),
          ],
        };
      }
      case 'NOTIFY_END':
      case 'NOTIFY_OUT_END': {
        const out = event === 'NOTIFY_OUT_END';
        const duration = integer(o, 'duration', 0, MAX_DURATION_S) ?? 0;
        const result = zadarmaResult(text(o, 'disposition', 60));
        const recorded = integer(o, 'is_recorded', 0, 1) === 1 ? text(o, 'call_id_with_rec', 200) : null;
        // *unconfirmed*: duration counted from call_start; the end is then call_start + duration, and an
        // answered call's talk began at call_start (Zadarma gives no other moment).
        return {
          externalId: `${callId}:${event}`,
          signals: [
            signal({
              ...base,
              phase: 'ended',
              direction: out ? 'out' : 'in',
              from: out ? (text(o, 'caller_id') ?? text(o, 'internal', 32)) : text(o, 'caller_id'),
              to: out ? requiredText(o, 'destination') : text(o, 'called_did'),
              line: out ? null : text(o, 'called_did'),
              extension: text(o, 'internal', 32),
              at: plausibleTime(start + duration * 1000, receivedAt, 'call_start + duration'),
              talkSec: result === 'answered' ? duration : 0,
              result,
              startedAt: start,
              answeredAt: result === 'answered' ? start : null,
              recordingUrl: recorded ? `zadarma:call_id_with_rec:${recorded}` : null,
            }),
          ],
        };
      }
      default:
        throw new Unreadable(`событие ${event} не поддерживается`);
    }
  });
}

/**
 * The answer to NOTIFY_START: the caller's company as caller ID and a redirect to his manager's
 * extension, when the client is known; `{}` lets the PBX route the call as it would.
 */
export function zadarmaStartAnswer(outcome: CallOutcome | undefined): { caller_name?: string; redirect?: string } {
  const card = outcome?.ring?.card;
  if (!card?.known) return {};
  return {
    ...(card.companyName ? { caller_name: card.companyName } : {}),
    ...(card.ownerExtension ? { redirect: card.ownerExtension } : {}),
  };
}

/** PHP's http_build_query (RFC 1738): what Zadarma signs and parses. */
export function phpQuery(params: Record<string, string>): string {
  const enc = (s: string) =>
    encodeURIComponent(s)
      .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
      .replace(/%20/g, '+');
  return Object.entries(params)
    .map(([k, v]) => `${enc(k)}=${enc(v)}`)
    .join('&');
}

async function md5Hex(text: string): Promise<string> {
  // Workers' WebCrypto has MD5 for exactly this kind of legacy API.
  return toHex(await crypto.subtle.digest('MD5', new TextEncoder().encode(text)));
}

/** REST auth: `key:base64(hex(hmac_sha1(method + sorted params + md5(sorted params), secret)))`. */
export async function zadarmaAuthorization(
  apiKey: string,
  secret: string,
  method: string,
  params: Record<string, string>,
): Promise<string> {
  const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const query = phpQuery(sorted);
  return `${apiKey}:${await zadarmaSignature(secret, method + query + (await md5Hex(query)))}`;
}

/** *unconfirmed*: leaving `predicted` out makes Zadarma ring the manager first, then the client. */
const CALLBACK_PREDICTED = false;
const CALLBACK_METHOD = '/v1/request/callback/';

async function clickToCall(ctx: ServiceContext, call: ClickToCall): Promise<ClickToCallResult> {
  const settings = ctx.config.telephony.zadarma;
  if (!settings?.apiKey) return { ok: false, reason: 'Zadarma не настроена для звонков: задайте ZADARMA_API_KEY и ZADARMA_API_SECRET' };
  const params: Record<string, string> = {
    from: call.extension,
    to: call.phone.replace(/^\+/, ''),
    sip: call.extension,
    format: 'json',
    ...(CALLBACK_PREDICTED ? { predicted: 'predicted' } : {}),
  };
  const sorted = Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
  const res = await callProviderApi(
    `${settings.apiUrl}${CALLBACK_METHOD}?${phpQuery(sorted)}`,
    {
      method: 'GET',
      headers: { authorization: await zadarmaAuthorization(settings.apiKey, settings.secret, CALLBACK_METHOD, params) },
    },
    ctx.config.telephony.callbackTimeoutMs,
  );
  if (!res.ok) return res;
  const answer = parseJsonOrNull(res.text);
  if (res.status !== 200 || answer?.['status'] !== 'success') {
    return {
      ok: false,
      reason: `${res.status !== 200 ? `HTTP ${res.status}` : 'ошибка'}${answer?.['message'] ? `: ${String(answer['message'])}` : ''}`,
    };
  }
  return { ok: true, requestId: call.commandId };
}

export const zadarma: TelephonyAdapter = {
  id: 'zadarma',
  label: 'Zadarma',
  hooks: [{ kind: 'notify', path: ZADARMA_PATH }],
  verify,
  read,
  clickToCall,
};
