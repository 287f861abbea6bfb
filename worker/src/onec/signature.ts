import type { Config } from '../platform/config';
import { fromBase64, hmac, prefixed, safeEqual, toHex } from '../platform/crypto';
import type { MachineCheck } from '../platform/route';
import { bodyBytes, STANDARD_WEBHOOK_TOLERANCE_S, verifyStandardWebhook } from '../platform/standard-webhooks';

/** The user name of the Basic alternative: `Authorization: Basic base64("1c:<secret>")`. */
export const ONEC_BASIC_USER = '1c';

/** A push is refused when its signed X-Timestamp is further than this from the worker's clock. */
export const ONEC_PUSH_TOLERANCE_S = STANDARD_WEBHOOK_TOLERANCE_S;

/** X-Request-Id: a UUID as 1C's `Новый УникальныйИдентификатор` writes it, or any 1–100 of [A-Za-z0-9_-]. */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * `X-Signature: sha256=<hex HMAC-SHA256(secret, "<X-Request-Id>.<X-Timestamp>.<raw body bytes>")>`,
 * the Standard Webhooks construction with 1C-friendly header names and hex.
 */
export async function signOnecPush(secret: string, requestId: string, timestampS: number, body: string | Uint8Array): Promise<string> {
  return `sha256=${toHex(await hmac('SHA-256', secret, prefixed(`${requestId}.${timestampS}.`, bodyBytes(body))))}`;
}

/** The old `X-Signature` over the body alone (accepted only with ONEC_PUSH_AUTH=basic: it can be replayed). */
export async function signOnecBody(secret: string, body: string | Uint8Array): Promise<string> {
  return `sha256=${toHex(await hmac('SHA-256', secret, bodyBytes(body)))}`;
}

/**
 * How a push says it is signed, decided from its headers alone (the check and the push service
 * both ask): `signed` = X-Signature with X-Timestamp/X-Request-Id; `standard` = Standard Webhooks
 * headers; `body-only` = X-Signature alone; `basic` = Authorization: Basic.
 */
export type OnecPushScheme = 'signed' | 'standard' | 'body-only' | 'basic' | 'none';

export function onecPushScheme(headers: Headers): OnecPushScheme {
  if (headers.has('x-signature')) return headers.has('x-timestamp') || headers.has('x-request-id') ? 'signed' : 'body-only';
  if (headers.has('webhook-signature')) return 'standard';
  if ((headers.get('authorization') ?? '').startsWith('Basic ')) return 'basic';
  return 'none';
}

/**
 * What a verified push proves about when it was sent and which request it is: the signed id and
 * time for the signed schemes; for Basic and a body-only signature nothing is signed, so the
 * receipt time stands in and there is no id (replays of those cannot be told apart).
 */
export function onecPushProof(headers: Headers, nowMs: number): { requestId: string | null; sentAt: number } {
  const scheme = onecPushScheme(headers);
  if (scheme === 'signed') return { requestId: headers.get('x-request-id'), sentAt: Number(headers.get('x-timestamp')) * 1000 };
  if (scheme === 'standard') return { requestId: headers.get('webhook-id'), sentAt: Number(headers.get('webhook-timestamp')) * 1000 };
  return { requestId: null, sentAt: nowMs };
}

function basicCredentials(header: string): string | null {
  try {
    return new TextDecoder().decode(fromBase64(header.slice('Basic '.length).trim()));
  } catch {
    return null;
  }
}

const WEAKER_ONLY = 'is accepted only with ONEC_PUSH_AUTH=basic (it can be replayed): sign X-Request-Id.X-Timestamp.body';

/**
 * A 1C push proves itself with ONEC_WEBHOOK_SECRET: an HMAC over its request id, timestamp and
 * raw body bytes (X-Signature + X-Timestamp + X-Request-Id, or the Standard Webhooks headers),
 * refused outside ±5 minutes. Basic credentials and the old body-only X-Signature are accepted
 * only when ONEC_PUSH_AUTH=basic says so. Comparisons are constant-time; the id's reuse is checked
 * by the push service (it needs the database).
 */
export async function verifyOnecPush(
  secret: string | undefined,
  mode: Config['onecPushAuth'],
  headers: Headers,
  body: Uint8Array,
  nowMs: number,
): Promise<MachineCheck> {
  if (!secret) return { ok: false, reason: 'ONEC_WEBHOOK_SECRET is not configured' };
  const scheme = onecPushScheme(headers);
  if (scheme === 'signed') {
    const requestId = headers.get('x-request-id')?.trim() ?? '';
    const timestamp = headers.get('x-timestamp')?.trim() ?? '';
    if (!REQUEST_ID.test(requestId)) return { ok: false, reason: 'X-Request-Id missing or not 1–100 of A–Z a–z 0–9 _ -' };
    if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'X-Timestamp missing or not a unix time in seconds' };
    if (Math.abs(nowMs / 1000 - Number(timestamp)) > ONEC_PUSH_TOLERANCE_S)
      return { ok: false, reason: 'X-Timestamp outside the 5-minute window' };
    const given = headers.get('x-signature')!.trim().toLowerCase();
    return safeEqual(given, await signOnecPush(secret, requestId, Number(timestamp), body))
      ? { ok: true, integration: 'onec', externalId: requestId }
      : { ok: false, reason: 'X-Signature mismatch' };
  }
  if (scheme === 'standard') {
    const result = await verifyStandardWebhook(secret, headers, body, nowMs);
    return result.ok ? { ok: true, integration: 'onec', externalId: result.externalId } : result;
  }
  if (scheme === 'body-only') {
    if (mode !== 'basic') return { ok: false, reason: `X-Signature without X-Timestamp and X-Request-Id ${WEAKER_ONLY}` };
    return safeEqual(headers.get('x-signature')!.trim().toLowerCase(), await signOnecBody(secret, body))
      ? { ok: true, integration: 'onec' }
      : { ok: false, reason: 'X-Signature mismatch' };
  }
  if (scheme === 'basic') {
    if (mode !== 'basic') return { ok: false, reason: `Authorization: Basic ${WEAKER_ONLY}` };
    const given = basicCredentials(headers.get('authorization')!);
    return given !== null && safeEqual(given, `${ONEC_BASIC_USER}:${secret}`)
      ? { ok: true, integration: 'onec' }
      : { ok: false, reason: 'Basic credentials mismatch' };
  }
  return { ok: false, reason: 'missing X-Signature, X-Timestamp and X-Request-Id headers' };
}
