import { sql } from 'drizzle-orm';
import { leads, stageChanges } from '../../../../schema/db';
import { canEditCompany, requireWriter } from '../../access';
import { forbidden } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { loadReadableCompany } from '../../clients';
import { getLeadCard } from './get-card';

/** A lead opened by hand on a company the caller may edit; it starts as "new", owned like the company. */
export async function createLead({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { companyId: number; amountKopecks: number; channel: 'call' | 'mail' | 'manual' | 'web' };
}) {
  const p = requireWriter(ctx.principal);
  const company = await loadReadableCompany(ctx.db, p, input.companyId);
  if (!canEditCompany(p, company)) throw forbidden();
  const ownerId = company.ownerId ?? (p.user.role === 'manager' ? p.user.id : null);
  const [inserted] = await ctx.db.batch([
    ctx.db
      .insert(leads)
      .values({
        companyId: company.id,
        regionId: company.regionId,
        ownerId,
        stageId: 'new',
        amountKopecks: input.amountKopecks,
        channel: input.channel,
        createdAt: ctx.now,
        stageEnteredAt: ctx.now,
      })
      .returning({ id: leads.id }),
    ctx.db.insert(stageChanges).values({
      leadId: sql`(SELECT max(id) FROM leads)` as never,
      fromStageId: null,
      toStageId: 'new',
      at: ctx.now,
      cause: 'user',
      userId: p.user.id,
    }),
    auditInsert(ctx, {
      action: 'change',
      entity: 'lead',
      entityId: sql`(SELECT CAST(max(id) AS TEXT) FROM leads)`,
      details: { op: 'create', companyId: company.id },
    }),
  ]);
  return getLeadCard({ ctx, input: { id: inserted[0]!.id } });
}
