import { asc, eq } from 'drizzle-orm';
import { funnelRules } from '../../../../schema/db';
import { requireRole } from '../../access/policy';
import { notFound } from '../../lib/errors';
import type { ServiceContext } from '../../lib/route';
import { auditInsert } from '../audit/record';

export async function listRules({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.principal, 'head', 'admin');
  return { items: await ctx.db.select().from(funnelRules).orderBy(asc(funnelRules.position)).all() };
}

/** The admin switches a rule on or off, or changes its threshold, task text or due time. */
export async function updateRule({ ctx, input }: { ctx: ServiceContext; input: { id: string; changes: Partial<{ active: boolean; condition: Record<string, unknown>; taskTitleRu: string; taskDueMinutes: number }> } }) {
  requireRole(ctx.principal, 'admin');
  const before = await ctx.db.select().from(funnelRules).where(eq(funnelRules.id, input.id)).get();
  if (!before) throw notFound();
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length) {
    await ctx.db.batch([
      ctx.db.update(funnelRules).set(changes).where(eq(funnelRules.id, input.id)),
      auditInsert(ctx, { action: 'change', entity: 'funnel_rule', entityId: input.id, details: { before, changes } }),
    ]);
  }
  return ctx.db.select().from(funnelRules).where(eq(funnelRules.id, input.id)).get();
}
