import type { CallOutcome } from '../../../../schema/contracts';
import { signStandardWebhook, verifyStandardWebhook } from '../../platform/standard-webhooks';
import type { Config } from '../../platform/config';
import type { ServiceContext } from '../../platform/route';
import { ingestTelephonyPayload } from '../ingest';
import type { ClickToCall, ClickToCallResult, RawPayload, ReadContext, TelephonyAdapter, VerifyArgs } from './adapter';
import { GENERIC_PATH, readGenericEvent, type GenericCallEvent } from './generic';

/**
 * «Тестовая АТС (песочница)»: a PBX that lives inside the worker, for local use. It plays a call's
 * life as the generic signed webhook events a real PBX would send, through the same reader, core
 * and inbox (source 'sandbox'). Off unless TELEPHONY_PROVIDER=sandbox or SANDBOX_PBX=on.
 */
export const SANDBOX_LABEL = 'Тестовая АТС (песочница)';

/** Signs when no TELEPHONY_WEBHOOK_SECRET is set: the sandbox only ever verifies itself. */
const FALLBACK_SECRET = 'voronka-sandbox-pbx';
const sandboxSecret = (config: Config) => config.webhookSecrets['telephony'] ?? FALLBACK_SECRET;

/** Ring → answer: 6 s; the talk: 47 s (over the 30 s that make a call targeted). */
export const SANDBOX_RING_MS = 6_000;
export const SANDBOX_TALK_S = 47;

async function verify({ headers, body, config, now }: VerifyArgs) {
  const result = await verifyStandardWebhook(sandboxSecret(config), headers, body, now);
  return result.ok ? { ok: true as const, integration: 'sandbox' } : result;
}

/** One event as the signed request the sandbox "sends" (it is handed to the hook's logic, not over HTTP). */
export async function sandboxRequest(config: Config, event: GenericCallEvent, webhookId: string, nowMs: number): Promise<RawPayload> {
  const body = JSON.stringify({ ...event, sandbox: SANDBOX_LABEL });
  const ts = Math.floor(nowMs / 1000);
  const headers = new Headers({
    'content-type': 'application/json',
    'webhook-id': webhookId,
    'webhook-timestamp': String(ts),
    'webhook-signature': await signStandardWebhook(sandboxSecret(config), webhookId, ts, body),
    'x-voronka-sandbox': 'on',
  });
  return { method: 'POST', path: GENERIC_PATH, headers, body };
}

/** Plays events in order through the hook pipeline, as the PBX machine (not as the user who asked). */
async function play(ctx: ServiceContext, callId: string, events: GenericCallEvent[]) {
  const machine: ServiceContext = { ...ctx, principal: { kind: 'machine', integration: 'sandbox' } };
  const outcomes: CallOutcome[] = [];
  for (const event of events) {
    const payload = await sandboxRequest(ctx.config, event, `sandbox_${callId}_${event.type}`, ctx.now);
    const result = await ingestTelephonyPayload(machine, { adapter: sandbox, kind: 'event', payload, label: SANDBOX_LABEL });
    if (result.outcome === 'rejected') return { ok: false as const, reason: result.reason };
    outcomes.push(...result.outcomes);
  }
  return { ok: true as const, outcomes };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Click-to-call: the manager's extension calls the number, the client answers, they talk, the call ends now. */
async function clickToCall(ctx: ServiceContext, call: ClickToCall): Promise<ClickToCallResult> {
  const callId = `sandbox-${call.commandId}`;
  const ended = ctx.now;
  const answered = ended - SANDBOX_TALK_S * 1000;
  const ringing = answered - SANDBOX_RING_MS;
  const base = { call_id: callId, direction: 'out' as const, from: call.extension, to: call.phone, extension: call.extension };
  const played = await play(ctx, callId, [
    { ...base, type: 'call.ringing', timestamp: iso(ringing), seq: 1 },
    { ...base, type: 'call.answered', timestamp: iso(answered), seq: 2 },
    { ...base, type: 'call.ended', timestamp: iso(ended), seq: 3, duration: SANDBOX_TALK_S, result: 'answered' },
  ]);
  return played.ok ? { ok: true, requestId: call.commandId } : played;
}

/** An incoming call from `phone` ringing at `extension` now: what the manager's caller ID shows. */
export async function ringSandboxCall(ctx: ServiceContext, input: { phone: string; extension: string; callId: string }) {
  return play(ctx, input.callId, [
    {
      type: 'call.ringing',
      call_id: input.callId,
      direction: 'in',
      from: input.phone,
      extension: input.extension,
      timestamp: iso(ctx.now),
      seq: 1,
    },
  ]);
}

export const sandbox: TelephonyAdapter = {
  id: 'sandbox',
  label: SANDBOX_LABEL,
  // No URL: nothing outside the worker may speak as the sandbox.
  hooks: [],
  verify,
  read: (kind: string, payload: RawPayload, { receivedAt }: ReadContext) =>
    kind === 'event'
      ? readGenericEvent('sandbox', payload, receivedAt)
      : { ok: false, externalId: null, reason: `неизвестный вход: ${kind}` },
  clickToCall,
};
