import { sql } from 'drizzle-orm';
import { requireRole } from '../access';
import type { ServiceContext } from '../platform/route';

/** Rejected payloads not yet replayed, newest first, with their reasons. */
export async function listRejected({ ctx, input }: { ctx: ServiceContext; input: { source?: string | undefined; limit: number } }) {
  requireRole(ctx.principal, 'admin');
  const rows = await ctx.db.all<{
    id: number;
    source: string;
    external_id: string | null;
    received_at: number;
    path: string;
    reason: string | null;
    body: string;
  }>(sql`
    SELECT id, source, external_id, received_at, path, reason, substr(body, 1, 2000) AS body FROM inbox
    WHERE outcome = 'rejected' AND replayed_at IS NULL ${input.source ? sql`AND source = ${input.source}` : sql``}
    ORDER BY id DESC LIMIT ${input.limit}`);
  return {
    items: rows.map((r) => ({
      id: r.id,
      source: r.source,
      externalId: r.external_id,
      receivedAt: r.received_at,
      path: r.path,
      reason: r.reason,
      body: r.body,
    })),
  };
}
