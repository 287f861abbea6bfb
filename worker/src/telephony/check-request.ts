import type { Config } from '../platform/config';
import { signStandardWebhook } from '../platform/standard-webhooks';
import { zoneOffsetMs } from '../platform/time';
import { GENERIC_PATH } from './providers/generic';
import { MANGO_BASE_PATH, mangoSign } from './providers/mango';
import { ZADARMA_PATH, ZADARMA_SIGNED_FIELDS, zadarmaSignature } from './providers/zadarma';

/** The header every check request carries: the inbox keeps it, so the check finds its own row and marks it a test. */
export const CHECK_HEADER = 'x-voronka-check';

export type CheckableHook = 'mango' | 'zadarma' | 'generic';

/**
 * A request a PBX would send, signed with this worker's own secret for that PBX, that changes no
 * call: Mango's ping, Zadarma's NOTIFY_IVR (a voice-menu step, no call change) and, for the generic
 * hook (whose only message is a call event), an internal ringing of a call id no PBX uses,
 * with no parties (nobody is rung, no client is matched, nothing reaches the timeline); the
 * check removes that call record once the hook has accepted it. Null when the PBX is not configured.
 */
export async function hookCheckRequest(
  hook: CheckableHook,
  args: { config: Config; origin: string; marker: string; now: number },
): Promise<{ request: Request; callId: string | null } | null> {
  const { config, origin, marker, now } = args;
  const headers = new Headers({ [CHECK_HEADER]: marker });
  if (hook === 'mango') {
    const settings = config.telephony.mango;
    if (!settings) return null;
    const json = JSON.stringify({ check: marker });
    headers.set('content-type', 'application/x-www-form-urlencoded');
    const body = new URLSearchParams({ vpbx_api_key: settings.apiKey, sign: await mangoSign(settings, json), json }).toString();
    return { request: new Request(`${origin}${MANGO_BASE_PATH}/ping`, { method: 'POST', headers, body }), callId: null };
  }
  if (hook === 'zadarma') {
    const settings = config.telephony.zadarma;
    if (!settings) return null;
    const local = new Date(now + zoneOffsetMs(now, settings.timeZone)).toISOString();
    const form: Record<string, string> = {
      event: 'NOTIFY_IVR',
      call_start: `${local.slice(0, 10)} ${local.slice(11, 19)}`,
      pbx_call_id: marker,
      caller_id: '',
      called_did: '',
    };
    headers.set('content-type', 'application/x-www-form-urlencoded');
    headers.set('signature', await zadarmaSignature(settings.secret, ZADARMA_SIGNED_FIELDS['NOTIFY_IVR']!.map((f) => form[f]).join('')));
    return {
      request: new Request(`${origin}${ZADARMA_PATH}`, { method: 'POST', headers, body: new URLSearchParams(form).toString() }),
      callId: null,
    };
  }
  const secret = config.webhookSecrets['telephony'];
  if (!secret) return null;
  const body = JSON.stringify({ type: 'call.ringing', call_id: marker, timestamp: Math.floor(now / 1000), direction: 'internal' });
  const seconds = Math.floor(now / 1000);
  headers.set('content-type', 'application/json');
  headers.set('webhook-id', marker);
  headers.set('webhook-timestamp', String(seconds));
  headers.set('webhook-signature', await signStandardWebhook(secret, marker, seconds, body));
  return { request: new Request(`${origin}${GENERIC_PATH}`, { method: 'POST', headers, body }), callId: marker };
}
