import { eq } from 'drizzle-orm';
import { funnelRules, stages } from '../../../../schema/db';
import { requireRole } from '../../access';
import { notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';

const tables = { stage: stages, funnel_rule: funnelRules } as const;

/**
 * The admin's edit of one funnel setting row (a stage or a rule): only the given fields change,
 * with the before/after in the audit log, in one batch. Answers the row as it now is.
 */
export async function updateFunnelSetting<K extends keyof typeof tables>(
  ctx: ServiceContext,
  entity: K,
  id: string,
  input: Record<string, unknown>,
) {
  requireRole(ctx.principal, 'admin');
  const table = tables[entity] as typeof stages;
  const before = await ctx.db.select().from(table).where(eq(table.id, id)).get();
  if (!before) throw notFound();
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length) {
    await ctx.db.batch([
      ctx.db.update(table).set(changes).where(eq(table.id, id)),
      auditInsert(ctx, { action: 'change', entity, entityId: id, details: { before, changes } }),
    ]);
  }
  return ctx.db.select().from(table).where(eq(table.id, id)).get();
}
