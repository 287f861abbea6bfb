import { asc, eq } from 'drizzle-orm';
import { stages } from '../../../../schema/db';
import { requireRole, requireUser } from '../../access/policy';
import { notFound } from '../../lib/errors';
import type { ServiceContext } from '../../lib/route';
import { auditInsert } from '../audit/record';

export async function listStages({ ctx }: { ctx: ServiceContext }) {
  requireUser(ctx.principal);
  return { items: await ctx.db.select().from(stages).orderBy(asc(stages.position)).all() };
}

/** The admin renames a stage, sets its SLA or its hint; order and outcome are structure and stay. */
export async function updateStage({ ctx, input }: { ctx: ServiceContext; input: { id: string; changes: Partial<{ nameRu: string; nameEn: string; slaHours: number | null; hintRu: string | null; hintEn: string | null }> } }) {
  requireRole(ctx.principal, 'admin');
  const before = await ctx.db.select().from(stages).where(eq(stages.id, input.id)).get();
  if (!before) throw notFound();
  const changes = Object.fromEntries(Object.entries(input.changes).filter(([, v]) => v !== undefined));
  if (Object.keys(changes).length) {
    await ctx.db.batch([
      ctx.db.update(stages).set(changes).where(eq(stages.id, input.id)),
      auditInsert(ctx, { action: 'change', entity: 'stage', entityId: input.id, details: { before, changes } }),
    ]);
  }
  return ctx.db.select().from(stages).where(eq(stages.id, input.id)).get();
}
