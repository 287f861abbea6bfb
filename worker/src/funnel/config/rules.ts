import { asc } from 'drizzle-orm';
import { funnelRules } from '../../../../schema/db';
import { requireRole } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { updateFunnelSetting } from './update-row';

export async function listRules({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.principal, 'head', 'admin');
  return { items: await ctx.db.select().from(funnelRules).orderBy(asc(funnelRules.position)).all() };
}

/** The admin switches a rule on or off, or changes its threshold, task text or due time. */
export async function updateRule({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    id: string;
    changes: Partial<{ active: boolean; condition: Record<string, unknown>; taskTitleRu: string; taskDueMinutes: number }>;
  };
}) {
  return updateFunnelSetting(ctx, 'funnel_rule', input.id, input.changes);
}
