import { asc } from 'drizzle-orm';
import { stages } from '../../../../schema/db';
import { requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { updateFunnelSetting } from './update-row';

export async function listStages({ ctx }: { ctx: ServiceContext }) {
  requireUser(ctx.principal);
  return { items: await ctx.db.select().from(stages).orderBy(asc(stages.position)).all() };
}

/** The admin renames a stage, sets its SLA or its hint; order and outcome are structure and stay. */
export async function updateStage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    id: string;
    changes: Partial<{ nameRu: string; nameEn: string; slaHours: number | null; hintRu: string | null; hintEn: string | null }>;
  };
}) {
  return updateFunnelSetting(ctx, 'stage', input.id, input.changes);
}
