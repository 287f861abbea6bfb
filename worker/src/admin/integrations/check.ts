import { sql } from 'drizzle-orm';
import { requireRole, requireWriter } from '../../access';
import { auditInsert } from '../../audit';
import { checkOnecOData, lastOnecRun } from '../../onec';
import { notFound } from '../../platform/errors';
import { msg, msgf } from '../../platform/i18n';
import { formatDateTime } from '../../platform/ru-format';
import type { ServiceContext } from '../../platform/route';
import { signStandardWebhook } from '../../platform/standard-webhooks';
import { CHECK_HEADER, hookCheckRequest, type CheckableHook } from '../../telephony';
import { INTEGRATIONS, missingSettings, type IntegrationId } from './catalogue';

/** What a checked inbox row is marked with: a test from this page, never a client's call. */
export const CHECK_REASON = 'проверка со страницы «Интеграции» (не звонок и не клиент)';

export interface CheckResult {
  ok: boolean;
  /** One sentence for the admin, in the caller's language (Accept-Language; the page's script sends the admin's setting). */
  message: string;
  /** The HTTP status the hook answered (hook checks). */
  status?: number;
}

const answerText = async (res: Response) => (await res.text()).slice(0, 300);

/**
 * «Проверить» on the integrations page. A PBX hook and the 1C push: a request signed with this
 * worker's own secret goes through the same app in-process (`self`: the router, the signature check,
 * the reader and the inbox — everything a provider's request meets after the network), must come back
 * accepted, and its inbox row is then marked as a test (the generic hook's internal ringing record is
 * removed). The 1C pull: `$metadata` is fetched from 1C as the pull would. Mail: the address and the
 * last mail received (nothing can be sent to ourselves from a worker).
 */
export async function checkIntegration({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: string; requestUrl: string; self: (request: Request) => Promise<Response> };
}): Promise<CheckResult> {
  requireWriter(ctx.principal);
  const me = requireRole(ctx.principal, 'admin');
  const { lang } = ctx;
  // Dates in the admin's own zone, as his pages show them.
  const when = (ms: number) => formatDateTime(ms, me.user.timeZone);
  const def = INTEGRATIONS.find((d) => d.id === input.id);
  if (!def) throw notFound();
  const missing = missingSettings(def, ctx.config);
  if (missing.length) return { ok: false, message: msgf('admin.check.missing', lang, { names: missing.join(', ') }) };
  const marker = `voronka-check-${ctx.requestId}`;
  const origin = new URL(input.requestUrl).origin;
  let result: CheckResult;
  let callId: string | null = null;
  if (def.check === 'hook' || def.check === 'ping') {
    let request: Request | null;
    if (def.check === 'hook') {
      const built = await hookCheckRequest(def.id as CheckableHook, { config: ctx.config, origin, marker, now: ctx.now });
      request = built?.request ?? null;
      callId = built?.callId ?? null;
    } else {
      request = await pingRequest(ctx, origin, marker);
    }
    if (!request) return { ok: false, message: msg('admin.check.noSecret', lang) };
    const res = await input.self(request);
    result =
      res.status === 200
        ? {
            ok: true,
            status: 200,
            message: msgf('admin.check.accepted', lang, { path: new URL(request.url).pathname }),
          }
        : {
            ok: false,
            status: res.status,
            message: msgf('admin.check.refused', lang, { status: res.status, answer: await answerText(res) }),
          };
  } else if (def.check === 'odata') {
    const odata = await checkOnecOData(ctx.config.onecOdata!, ctx.now);
    const run = await lastOnecRun(ctx.db);
    const last = run.lastSuccessAt ? msgf('admin.check.lastPull', lang, { when: when(run.lastSuccessAt) }) : '';
    result = odata.ok
      ? {
          ok: true,
          message: msgf('admin.check.odataOk', lang, {
            url: odata.url,
            count: odata.entityTypes,
            release: odata.release ? msgf('admin.check.release', lang, { release: odata.release }) : '',
            last,
          }),
        }
      : { ok: false, message: msgf('admin.check.odataFailed', lang, { url: odata.url, reason: odata.reason }) };
  } else {
    const mail = await ctx.db.get<{ received_at: number; path: string; outcome: string } | undefined>(
      sql`SELECT received_at, path, outcome FROM inbox WHERE source = 'mail' AND method = 'EMAIL' ORDER BY id DESC LIMIT 1`,
    );
    const address = ctx.config.mailAddress ?? (mail?.path.startsWith('mailto:') ? mail.path.slice(7) : null);
    result = mail
      ? {
          ok: true,
          message: msgf('admin.check.lastMail', lang, { when: when(mail.received_at), address: mail.path.slice(7), outcome: mail.outcome }),
        }
      : {
          ok: false,
          message: address ? msgf('admin.check.noMail', lang, { address }) : msg('admin.check.noMailNoAddress', lang),
        };
  }
  await ctx.db.batch([
    auditInsert(ctx, {
      action: 'change',
      entity: 'integration',
      entityId: def.id as IntegrationId,
      details: { op: 'check', ok: result.ok },
    }),
    ...(result.ok && (def.check === 'hook' || def.check === 'ping')
      ? [
          ctx.db.run(sql`UPDATE inbox SET reason = ${CHECK_REASON} || coalesce(': ' || reason, '')
            WHERE json_extract(headers, ${`$."${CHECK_HEADER}"`}) = ${marker}`),
        ]
      : []),
    ...(callId
      ? [
          ctx.db.run(sql`DELETE FROM call_leg_events WHERE provider = ${def.id} AND call_id = ${callId}`),
          ctx.db.run(sql`DELETE FROM calls WHERE provider = ${def.id} AND call_id = ${callId}`),
        ]
      : []),
  ]);
  return result;
}

/** The 1C push's check: a ping signed the Standard Webhooks way with ONEC_WEBHOOK_SECRET (hooks/ping accepts any configured secret). */
async function pingRequest(ctx: ServiceContext, origin: string, marker: string): Promise<Request | null> {
  const secret = ctx.config.webhookSecrets['onec'];
  if (!secret) return null;
  const body = JSON.stringify({ check: marker });
  const seconds = Math.floor(ctx.now / 1000);
  return new Request(`${origin}/hooks/ping`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      [CHECK_HEADER]: marker,
      'webhook-id': marker,
      'webhook-timestamp': String(seconds),
      'webhook-signature': await signStandardWebhook(secret, marker, seconds, body),
    },
    body,
  });
}
