import { sql } from 'drizzle-orm';
import { requireRole } from '../access';
import type { ServiceContext } from '../platform/route';

/** Rejected payloads not yet replayed, newest first, with their reasons; paged by id (`before`), with the total waiting. */
export async function listRejected({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { source?: string | undefined; limit: number; before?: number | undefined };
}) {
  requireRole(ctx.principal, 'admin');
  const bySource = input.source ? sql`AND source = ${input.source}` : sql``;
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
    WHERE outcome = 'rejected' AND replayed_at IS NULL ${bySource} ${input.before ? sql`AND id < ${input.before}` : sql``}
    ORDER BY id DESC LIMIT ${input.limit + 1}`);
  const total = await ctx.db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM inbox WHERE outcome = 'rejected' AND replayed_at IS NULL ${bySource}`,
  );
  const more = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  return {
    total: Number(total?.n ?? 0),
    next: more ? page[page.length - 1]!.id : null,
    items: page.map((r) => ({
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
