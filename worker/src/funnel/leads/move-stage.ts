import { AppError } from '../../platform/errors';
import { requireWriter } from '../../access';
import { moveStatements } from '../engine/move';
import { loadStages } from '../engine/stages';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { getLeadCard } from './get-card';
import { loadReadableLead } from './load';

/**
 * A person moves a lead. Any direction is allowed, but going back and losing need a reason; the
 * move is recorded with who did it and why, like every automatic one.
 */
export async function moveLeadStage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; stageId: string; reason?: string | undefined };
}) {
  const p = requireWriter(ctx.principal);
  const lead = await loadReadableLead(ctx.db, p, input.id);
  const stageMap = await loadStages(ctx.db);
  const to = stageMap.byId.get(input.stageId);
  if (!to)
    throw new AppError('validation_failed', undefined, [
      { field: 'body.stageId', message: ctx.lang === 'ru' ? `Нет этапа «${input.stageId}»` : `No stage "${input.stageId}"` },
    ]);
  if (to.id === lead.stage_id) return getLeadCard({ ctx, input: { id: lead.id } });
  const backwards = stageMap.position(to.id) < stageMap.position(lead.stage_id) && to.outcome !== 'lost';
  const reason = input.reason?.trim() || null;
  if ((backwards || to.outcome === 'lost') && !reason) {
    throw new AppError('validation_failed', undefined, [
      {
        field: 'body.reason',
        message:
          ctx.lang === 'ru'
            ? to.outcome === 'lost'
              ? 'Укажите причину проигрыша'
              : 'Укажите, почему интерес возвращается на прежний этап'
            : 'A reason is required to lose a lead or move it back',
      },
    ]);
  }
  await ctx.db.batch([
    ...moveStatements(
      ctx.db,
      stageMap,
      { id: lead.id, companyId: lead.company_id, regionId: lead.region_id, ownerId: lead.owner_id, stageId: lead.stage_id },
      to.id,
      { kind: 'user', userId: p.user.id, reason },
      ctx.now,
      to.outcome === 'lost' ? reason : null,
    ),
    auditInsert(ctx, {
      action: 'change',
      entity: 'lead',
      entityId: lead.id,
      details: { op: 'move', from: lead.stage_id, to: to.id, reason },
    }),
  ] as never);
  return getLeadCard({ ctx, input: { id: lead.id } });
}
