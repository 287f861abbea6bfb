import { sql } from 'drizzle-orm';
import { requireRole } from '../access';
import type { ServiceContext } from '../platform/route';
import { replayableSources } from './replayers';

interface SourceRow {
  source: string;
  last_received: number | null;
  stored: number;
  duplicate: number;
  rejected: number;
  waiting: number;
}

/** Per integration: the last payload received and what became of the last 24 hours of them. */
export async function getSyncSummary({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.principal, 'admin');
  const since = ctx.now - 86_400_000;
  const rows = await ctx.db.all<SourceRow>(sql`SELECT source, max(received_at) AS last_received,
      sum(CASE WHEN outcome = 'stored' AND received_at >= ${since} THEN 1 ELSE 0 END) AS stored,
      sum(CASE WHEN outcome = 'duplicate' AND received_at >= ${since} THEN 1 ELSE 0 END) AS duplicate,
      sum(CASE WHEN outcome = 'rejected' AND received_at >= ${since} THEN 1 ELSE 0 END) AS rejected,
      sum(CASE WHEN outcome = 'rejected' AND replayed_at IS NULL THEN 1 ELSE 0 END) AS waiting
    FROM inbox GROUP BY source ORDER BY source`);
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
  };
}
