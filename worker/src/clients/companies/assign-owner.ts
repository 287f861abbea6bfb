import { sql } from 'drizzle-orm';
import { canManageOwnership, requireWriter } from '../../access';
import { AppError, forbidden } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { isManagerOfRegion } from './create';
import { getCompany } from './get';
import { loadReadableCompany } from './load-live';

/**
 * Gives a company to a manager of its region, or back to the pool (null). Heads and the admin
 * assign; a manager may only release his own client or claim one from his region's pool.
 * Open leads follow the company; the old owner's open tasks about it go to the new one.
 */
export async function assignOwner({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { companyId: number; ownerId: number | null; claim?: boolean };
}) {
  const p = requireWriter(ctx.principal);
  const company = await loadReadableCompany(ctx.db, p, input.companyId);
  const manages = canManageOwnership(p, company.regionId);
  const releasesOwn = input.ownerId === null && company.ownerId === p.user.id;
  const claimsPool =
    input.claim === true && input.ownerId === p.user.id && company.ownerId === null && p.user.regionIds.includes(company.regionId);
  if (!manages && !releasesOwn && !claimsPool) {
    throw forbidden({
      ru: 'Менять ответственного может руководитель региона или администратор',
      en: 'Only the region head or the admin changes the owner',
    });
  }
  if (input.claim && company.ownerId !== null) {
    throw new AppError('conflict', { ru: 'Клиента уже забрал другой менеджер', en: 'Someone has already claimed this client' });
  }
  if (input.ownerId !== null && !(await isManagerOfRegion(ctx.db, input.ownerId, company.regionId))) {
    throw new AppError('validation_failed', undefined, [
      {
        field: 'body.ownerId',
        message:
          "Ответственный должен быть активным менеджером региона клиента / The owner must be an active manager of the client's region",
      },
    ]);
  }
  if (company.ownerId === input.ownerId) return getCompany({ ctx, input: { id: company.id }, audit: false });
  const from = company.ownerId;
  const to = input.ownerId;
  // The guard on the current owner makes a concurrent claim lose cleanly instead of overwriting.
  const [updated] = await ctx.db.batch([
    ctx.db.run(sql`UPDATE companies SET owner_id = ${to}, updated_at = ${ctx.now} WHERE id = ${company.id} AND owner_id IS ${from}`),
    ctx.db.run(
      sql`UPDATE leads SET owner_id = ${to} WHERE company_id = ${company.id} AND closed_at IS NULL AND (SELECT owner_id FROM companies WHERE id = ${company.id}) IS ${to}`,
    ),
    ctx.db.run(
      to === null
        ? sql`SELECT 1`
        : sql`UPDATE tasks SET user_id = ${to} WHERE company_id = ${company.id} AND done_at IS NULL AND user_id IS ${from} AND (SELECT owner_id FROM companies WHERE id = ${company.id}) IS ${to}`,
    ),
    auditInsert(ctx, { action: 'assign', entity: 'company', entityId: company.id, details: { from, to, claim: input.claim === true } }),
  ]);
  if ((updated as unknown as D1Result).meta.changes === 0) {
    throw new AppError('conflict', {
      ru: 'Ответственный уже изменился — обновите карточку',
      en: 'The owner has just changed; reload the card',
    });
  }
  return getCompany({ ctx, input: { id: company.id }, audit: false });
}
