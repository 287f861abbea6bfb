import type { CallSignal } from '../../../../schema/contracts';
import { verifyStandardWebhook } from '../../platform/standard-webhooks';
import type { ProviderId, ProviderRead, RawPayload, ReadContext, TelephonyAdapter, VerifyArgs } from './adapter';
import { Unreadable, integer, object, oneOf, plausibleTime, readWith, requiredText, signal, text, type Fields } from './fields';

/**
 * The documented JSON call event for Asterisk or any PBX (docs/telephony.md), signed the Standard
 * Webhooks way with TELEPHONY_WEBHOOK_SECRET; `webhook-id` is the payload's id (retries reuse it).
 */
export const GENERIC_PATH = '/hooks/telephony/generic';

export const GENERIC_EVENT_TYPES = {
  'call.ringing': 'ringing',
  'call.answered': 'answered',
  'call.ended': 'ended',
  'call.recording': 'recording',
} as const satisfies Record<string, CallSignal['phase']>;

export type GenericEventType = keyof typeof GENERIC_EVENT_TYPES;

/** The event as documented; every field but type, call_id and timestamp may be left out. */
export interface GenericCallEvent {
  type: GenericEventType;
  call_id: string;
  timestamp: string | number;
  direction?: 'in' | 'out' | 'internal';
  from?: string;
  to?: string;
  extension?: string;
  line?: string;
  seq?: number;
  duration?: number;
  result?: 'answered' | 'missed' | 'busy' | 'failed';
  recording_url?: string;
}

const MAX_DURATION_S = 2 * 86_400;

/** ISO 8601 with a zone, or unix time: seconds, or milliseconds when it is that large. */
function timestamp(o: Fields, receivedAt: number): number {
  const v = o['timestamp'];
  if (v === undefined || v === null || v === '') throw new Unreadable('нет поля timestamp');
  if (typeof v === 'number' || (typeof v === 'string' && /^\d{9,13}(\.\d+)?$/.test(v))) {
    const n = Number(v);
    return plausibleTime(n >= 1e12 ? n : n * 1000, receivedAt, 'timestamp');
  }
  if (typeof v !== 'string' || v.length > 40 || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(v)) {
    throw new Unreadable('timestamp: ожидается ISO 8601 с часовым поясом или unix-время');
  }
  return plausibleTime(Date.parse(v), receivedAt, 'timestamp');
}

/** How many events one batched payload may carry (a relay's buffer, not a bulk import). */
export const GENERIC_MAX_BATCH = 500;

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Unreadable('тело: не JSON');
  }
}

/** One documented event object → its call signal. */
function eventSignal(provider: ProviderId, o: Fields, receivedAt: number): CallSignal {
  const type = oneOf(o, 'type', Object.keys(GENERIC_EVENT_TYPES) as GenericEventType[]);
  if (!type) throw new Unreadable('нет поля type');
  const phase = GENERIC_EVENT_TYPES[type];
  const url = text(o, 'recording_url', 2000);
  if (url !== null && !/^https?:\/\/\S+$/i.test(url)) throw new Unreadable('recording_url: ожидается адрес http(s)');
  if (type === 'call.recording' && url === null) throw new Unreadable('нет поля recording_url');
  const duration = integer(o, 'duration', 0, MAX_DURATION_S);
  const at = timestamp(o, receivedAt);
  const result = oneOf(o, 'result', ['answered', 'missed', 'busy', 'failed'] as const);
  // call.ended alone still places the answer: its moment less the seconds of talk (the PBX's own figures).
  const answeredAt = phase === 'ended' && result === 'answered' && duration !== null ? at - duration * 1000 : null;
  return signal({
    provider,
    callId: requiredText(o, 'call_id', 200),
    phase,
    seq: integer(o, 'seq', 0, 1e9),
    direction: oneOf(o, 'direction', ['in', 'out', 'internal'] as const),
    from: text(o, 'from'),
    to: text(o, 'to'),
    extension: text(o, 'extension', 32),
    line: text(o, 'line'),
    at,
    talkSec: phase === 'ended' ? duration : null,
    result,
    recordingUrl: url,
    answeredAt,
  });
}

/**
 * The reader of the generic event; the sandbox PBX sends the same event under its own provider id.
 * The body is one event, or a JSON array of up to GENERIC_MAX_BATCH events in the order they
 * happened (a relay that buffers for a moment); a batch is taken or refused whole, the refusal
 * naming the event at fault, so a sender never has to work out which half landed.
 */
export function readGenericEvent(provider: ProviderId, payload: RawPayload, receivedAt: number): ProviderRead {
  const webhookId = payload.headers.get('webhook-id');
  return readWith(
    () => webhookId,
    () => {
      const parsed = parseBody(payload.body);
      if (!Array.isArray(parsed)) return { externalId: webhookId, signals: [eventSignal(provider, object(parsed, 'тело'), receivedAt)] };
      if (parsed.length === 0) throw new Unreadable('тело: пустой массив событий');
      if (parsed.length > GENERIC_MAX_BATCH)
        throw new Unreadable(`тело: ${parsed.length} событий в одном запросе, не больше ${GENERIC_MAX_BATCH}`);
      const signals = parsed.map((item, i) => {
        try {
          return eventSignal(provider, object(item, 'событие'), receivedAt);
        } catch (err) {
          if (err instanceof Unreadable) throw new Unreadable(`событие ${i + 1} из ${parsed.length}: ${err.message}`);
          throw err;
        }
      });
      return { externalId: webhookId, signals };
    },
  );
}

async function verify({ headers, body, bytes, config, now }: VerifyArgs) {
  const secret = config.webhookSecrets['telephony'];
  if (!secret) return { ok: false as const, reason: 'TELEPHONY_WEBHOOK_SECRET не задан' };
  const result = await verifyStandardWebhook(secret, headers, bytes ?? body, now);
  return result.ok ? { ok: true as const, integration: 'telephony' } : result;
}

export const generic: TelephonyAdapter = {
  id: 'generic',
  label: 'АТС по общему вебхуку (Asterisk и др.)',
  hooks: [{ kind: 'event', path: GENERIC_PATH }],
  verify,
  read: (kind: string, payload: RawPayload, { receivedAt }: ReadContext) =>
    kind === 'event'
      ? readGenericEvent('generic', payload, receivedAt)
      : { ok: false, externalId: null, reason: `неизвестный вход: ${kind}` },
};
