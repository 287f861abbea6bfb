import { fromBase64, hmac, prefixed, safeEqual, toBase64 } from './crypto';

export const STANDARD_WEBHOOK_TOLERANCE_S = 5 * 60;

export type Verification = { ok: true; externalId: string } | { ok: false; reason: string };

const encoder = new TextEncoder();

function secretBytes(secret: string): Uint8Array | string {
  return secret.startsWith('whsec_') ? fromBase64(secret.slice(6)) : secret;
}

/** The body as the bytes that were (or will be) sent: a string is its UTF-8. */
export function bodyBytes(body: string | Uint8Array): Uint8Array {
  return typeof body === 'string' ? encoder.encode(body) : body;
}

export async function signStandardWebhook(secret: string, id: string, timestampS: number, body: string | Uint8Array): Promise<string> {
  return `v1,${toBase64(await hmac('SHA-256', secretBytes(secret), prefixed(`${id}.${timestampS}.`, bodyBytes(body))))}`;
}

/**
 * Standard Webhooks: `webhook-signature: v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>`
 * (several space-separated signatures allowed), refused outside a 5-minute window. The body is
 * checked as the raw bytes received: a BOM or bytes that are not UTF-8 do not break a signature.
 */
export async function verifyStandardWebhook(
  secret: string,
  headers: Headers,
  body: string | Uint8Array,
  nowMs: number,
): Promise<Verification> {
  const id = headers.get('webhook-id');
  const timestamp = headers.get('webhook-timestamp');
  const signatures = headers.get('webhook-signature');
  if (!id || !timestamp || !signatures) return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature header' };
  const ts = Number(timestamp);
  if (!Number.isInteger(ts)) return { ok: false, reason: 'webhook-timestamp is not a unix time in seconds' };
  if (Math.abs(nowMs / 1000 - ts) > STANDARD_WEBHOOK_TOLERANCE_S)
    return { ok: false, reason: 'webhook-timestamp outside the 5-minute window' };
  const expected = await signStandardWebhook(secret, id, ts, body);
  const match = signatures.split(' ').some((s) => safeEqual(s.trim(), expected));
  return match ? { ok: true, externalId: id } : { ok: false, reason: 'signature mismatch' };
}
