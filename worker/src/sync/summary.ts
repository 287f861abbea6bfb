import { sql } from 'drizzle-orm';
import { requireRole } from '../access';
import type { ServiceContext } from '../platform/route';
import { listIntegrations } from '../admin';
import type { Lang } from '../platform/i18n';
import { replayableSources } from './replayers';

interface SourceRow {
  source: string;
  last_received: number | null;
  stored: number;
  duplicate: number;
  rejected: number;
  waiting: number;
}

/**
 * Per inbox source: the last payload received and what became of the last 24 hours of them; and every
 * integration from the catalogue (configured or not), marked silent when a configured one has sent
 * nothing for longer than its threshold (admin/integrations/catalogue.ts, docs/admin.md).
 */
export async function getSyncSummary({ ctx, input }: { ctx: ServiceContext; input: { requestUrl: string; lang: Lang } }) {
  requireRole(ctx.principal, 'admin');
  const since = ctx.now - 86_400_000;
  const rows = await ctx.db.all<SourceRow>(sql`SELECT source, max(received_at) AS last_received,
      sum(CASE WHEN outcome = 'stored' AND received_at >= ${since} THEN 1 ELSE 0 END) AS stored,
      sum(CASE WHEN outcome = 'duplicate' AND received_at >= ${since} THEN 1 ELSE 0 END) AS duplicate,
      sum(CASE WHEN outcome = 'rejected' AND received_at >= ${since} THEN 1 ELSE 0 END) AS rejected,
      sum(CASE WHEN outcome = 'rejected' AND replayed_at IS NULL THEN 1 ELSE 0 END) AS waiting
    FROM inbox GROUP BY source ORDER BY source`);
  const { items } = await listIntegrations({ ctx, input });
  const replayable = new Set(replayableSources());
  return {
    sources: rows.map((r) => ({
      source: r.source,
      lastReceivedAt: r.last_received,
      stored24h: Number(r.stored),
      duplicate24h: Number(r.duplicate),
      rejected24h: Number(r.rejected),
      rejectedWaiting: Number(r.waiting),
      replayable: replayable.has(r.source),
    })),
    integrations: items.map((i) => ({
      id: i.id,
      title: i.title,
      configured: i.configured,
      lastReceivedAt: i.lastReceivedAt,
      silentAfterHours: i.silentAfterHours,
      silent: i.configured && (i.lastReceivedAt === null || ctx.now - i.lastReceivedAt > i.silentAfterHours * 3_600_000),
    })),
  };
}
