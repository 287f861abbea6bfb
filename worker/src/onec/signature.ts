import { fromBase64, hmac, safeEqual, toHex } from '../platform/crypto';
import type { MachineCheck } from '../platform/route';
import { verifyStandardWebhook } from '../platform/standard-webhooks';

/** The user name of the Basic alternative: `Authorization: Basic base64("1c:<secret>")`. */
export const ONEC_BASIC_USER = '1c';

/** `X-Signature: sha256=<hex HMAC-SHA256(secret, raw body)>`. */
export async function signOnecBody(secret: string, body: string): Promise<string> {
  return `sha256=${toHex(await hmac('SHA-256', secret, body))}`;
}

function basicCredentials(header: string): string | null {
  try {
    return new TextDecoder().decode(fromBase64(header.slice('Basic '.length).trim()));
  } catch {
    return null;
  }
}

/**
 * A 1C push proves itself with ONEC_WEBHOOK_SECRET in one of three ways: an HMAC of the body
 * (`X-Signature`), Basic credentials for 1C versions that cannot compute an HMAC, or Standard
 * Webhooks headers (what `/hooks/ping` checks). Comparisons are constant-time.
 */
export async function verifyOnecPush(secret: string | undefined, headers: Headers, body: string, nowMs: number): Promise<MachineCheck> {
  if (!secret) return { ok: false, reason: 'ONEC_WEBHOOK_SECRET is not configured' };
  const signature = headers.get('x-signature');
  if (signature) {
    return safeEqual(signature.trim().toLowerCase(), await signOnecBody(secret, body))
      ? { ok: true, integration: 'onec' }
      : { ok: false, reason: 'X-Signature mismatch' };
  }
  const authorization = headers.get('authorization') ?? '';
  if (authorization.startsWith('Basic ')) {
    const given = basicCredentials(authorization);
    return given !== null && safeEqual(given, `${ONEC_BASIC_USER}:${secret}`)
      ? { ok: true, integration: 'onec' }
      : { ok: false, reason: 'Basic credentials mismatch' };
  }
  if (headers.has('webhook-signature')) {
    const result = await verifyStandardWebhook(secret, headers, body, nowMs);
    return result.ok ? { ok: true, integration: 'onec', externalId: result.externalId } : result;
  }
  return { ok: false, reason: 'missing X-Signature or Authorization: Basic header' };
}
