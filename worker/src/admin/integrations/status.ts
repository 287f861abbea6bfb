import { sql } from 'drizzle-orm';
import { requireRole } from '../../access';
import { lastOnecRun } from '../../onec';
import type { Config } from '../../platform/config';
import { type Lang, msg } from '../../platform/i18n';
import type { ServiceContext } from '../../platform/route';
import { INTEGRATIONS, missingSettings, type IntegrationDef } from './catalogue';

/** The origin providers are given: PUBLIC_URL when set (a custom domain in front of the worker), else the one this page was asked on. */
export function publicOrigin(config: Config, requestUrl: string): string {
  return config.publicUrl ?? new URL(requestUrl).origin;
}

interface Counts {
  last_received: number | null;
  stored: number;
  duplicate: number;
  rejected: number;
}

/** Last payload and the outcomes of the last 24 hours of one integration's inbox rows. */
async function inboxCounts(ctx: ServiceContext, def: IntegrationDef): Promise<Counts> {
  const since = ctx.now - 86_400_000;
  const row = await ctx.db.get<Counts>(sql`SELECT max(received_at) AS last_received,
      coalesce(sum(CASE WHEN outcome = 'stored' AND received_at >= ${since} THEN 1 ELSE 0 END), 0) AS stored,
      coalesce(sum(CASE WHEN outcome = 'duplicate' AND received_at >= ${since} THEN 1 ELSE 0 END), 0) AS duplicate,
      coalesce(sum(CASE WHEN outcome = 'rejected' AND received_at >= ${since} THEN 1 ELSE 0 END), 0) AS rejected
    FROM inbox WHERE ${def.inbox}`);
  return row ?? { last_received: null, stored: 0, duplicate: 0, rejected: 0 };
}

/** The address mail is forwarded to: MAIL_ADDRESS, else the one the last received mail was addressed to. */
async function mailAddress(ctx: ServiceContext): Promise<string | null> {
  if (ctx.config.mailAddress) return ctx.config.mailAddress;
  const row = await ctx.db.get<{ path: string } | undefined>(
    sql`SELECT path FROM inbox WHERE source = 'mail' AND method = 'EMAIL' ORDER BY id DESC LIMIT 1`,
  );
  return row?.path.startsWith('mailto:') ? row.path.slice(7) : null;
}

/**
 * One card per integration for the admin: configured or not and which settings are missing (names
 * only, never values), the URL to paste into the provider's console, the last payload and the
 * last 24 hours, and the `wrangler secret put` lines for what is missing; the words in `lang` (the
 * page's: the admin's setting; the API's: Accept-Language).
 */
export async function listIntegrations({ ctx, input }: { ctx: ServiceContext; input: { requestUrl: string; lang: Lang } }) {
  const { lang } = input;
  requireRole(ctx.principal, 'admin');
  const origin = publicOrigin(ctx.config, input.requestUrl);
  const [counts, onecRun] = await Promise.all([Promise.all(INTEGRATIONS.map((def) => inboxCounts(ctx, def))), lastOnecRun(ctx.db)]);
  const address = await mailAddress(ctx);
  const set = new Set(ctx.config.setNames);
  return {
    origin,
    originFrom: ctx.config.publicUrl ? ('PUBLIC_URL' as const) : ('request' as const),
    items: INTEGRATIONS.map((def, i) => {
      const missing = missingSettings(def, ctx.config);
      const c = counts[i]!;
      // The pull keeps inbox rows only for objects that changed: a quiet base is heard from by the cron's last successful run.
      const heard = def.id === 'onec-pull' ? Math.max(c.last_received ?? 0, onecRun.lastSuccessAt ?? 0) || null : c.last_received;
      return {
        id: def.id,
        title: msg(def.title, lang),
        configured: missing.length === 0,
        missing,
        settings: def.settings.map((s) => ({ ...s, what: msg(s.what, lang), set: set.has(s.name) })),
        commands: def.settings
          .filter((s) => !set.has(s.name))
          .map((s) => (s.secret ? `npx wrangler secret put ${s.name}` : `${s.name} = "…"  # wrangler.toml [vars]`)),
        url: def.path ? `${origin}${def.path}` : null,
        mailAddress: def.id === 'mail' ? address : null,
        where: msg(def.where, lang),
        docs: def.docs,
        check: def.check,
        silentAfterHours: def.silentAfterHours,
        lastReceivedAt: heard,
        stored24h: Number(c.stored),
        duplicate24h: Number(c.duplicate),
        rejected24h: Number(c.rejected),
      };
    }),
  };
}
