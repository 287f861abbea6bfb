import { sql } from 'drizzle-orm';
import { leads, stageChanges } from '../../../../schema/db';
import { canEditCompany, requireWriter } from '../../access';
import { AppError, forbidden } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { loadReadableCompany } from '../../clients';
import { loadStages } from '../engine/stages';
import { getLeadCard } from './get-card';

/** Why a lead is where it starts: the cause text of its first stage change («Анна вручную: создан менеджером»). */
export const CREATED_BY_HAND = 'создан менеджером';

/**
 * A lead opened by hand on a company the caller may edit, owned like the company: what the client
 * wants (its subject, which names it) and the open stage it stands at (the first by default). Its
 * first stage change records who opened it and why, as every move of the funnel does.
 */
export async function createLead({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    companyId: number;
    amountKopecks: number;
    channel: 'call' | 'mail' | 'manual' | 'web';
    subject?: string | undefined;
    stageId?: string | undefined;
  };
}) {
  const p = requireWriter(ctx.principal);
  const company = await loadReadableCompany(ctx.db, p, input.companyId);
  if (!canEditCompany(p, company)) throw forbidden();
  const stageMap = await loadStages(ctx.db);
  const open = [...stageMap.byId.values()].filter((s) => s.outcome === 'open');
  const stage = input.stageId === undefined ? open[0] : open.find((s) => s.id === input.stageId);
  if (!stage)
    throw new AppError('validation_failed', undefined, [
      {
        field: 'body.stageId',
        message:
          ctx.lang === 'ru'
            ? `Интерес открывается на открытом этапе воронки (${open.map((s) => `«${s.nameRu}»`).join(', ')}), а не на «${
                stageMap.byId.get(input.stageId ?? '')?.nameRu ?? input.stageId
              }»`
            : `A lead opens at an open stage of the funnel (${open.map((s) => s.id).join(', ')}), not "${input.stageId}"`,
      },
    ]);
  const subject = input.subject?.trim().replace(/\s+/g, ' ') || null;
  const ownerId = company.ownerId ?? (p.user.role === 'manager' ? p.user.id : null);
  const [inserted] = await ctx.db.batch([
    ctx.db
      .insert(leads)
      .values({
        companyId: company.id,
        regionId: company.regionId,
        ownerId,
        stageId: stage.id,
        amountKopecks: input.amountKopecks,
        channel: input.channel,
        subject,
        createdAt: ctx.now,
        stageEnteredAt: ctx.now,
      })
      .returning({ id: leads.id }),
    ctx.db.insert(stageChanges).values({
      leadId: sql`(SELECT max(id) FROM leads)` as never,
      fromStageId: null,
      toStageId: stage.id,
      at: ctx.now,
      cause: 'user',
      userId: p.user.id,
      reason: CREATED_BY_HAND,
    }),
    auditInsert(ctx, {
      action: 'change',
      entity: 'lead',
      entityId: sql`(SELECT CAST(max(id) AS TEXT) FROM leads)`,
      details: { op: 'create', companyId: company.id, stageId: stage.id, ...(subject ? { subject } : {}) },
    }),
  ]);
  return getLeadCard({ ctx, input: { id: inserted[0]!.id } });
}
