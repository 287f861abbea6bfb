import { and, eq, isNull, sql } from 'drizzle-orm';
import { companies, contacts } from '../../../../schema/db';
import { idList, refreshCompanySearch } from '../../../../schema/db/search';
import { canEditCompany, requireWriter } from '../../access';
import { AppError, forbidden, notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';

/** Merges contact `sourceId` into `survivorId`: its phones, e-mails and events move; a redirect stays. */
export async function mergeContacts({ ctx, input }: { ctx: ServiceContext; input: { survivorId: number; sourceId: number } }) {
  const p = requireWriter(ctx.principal);
  if (input.survivorId === input.sourceId) {
    throw new AppError('validation_failed', undefined, [
      {
        field: 'body.sourceId',
        message: ctx.lang === 'ru' ? 'Нельзя объединить контакт с самим собой' : 'A contact cannot be merged into itself',
      },
    ]);
  }
  const rows = await ctx.db
    .select({
      id: contacts.id,
      companyId: contacts.companyId,
      name: contacts.name,
      regionId: companies.regionId,
      ownerId: companies.ownerId,
    })
    .from(contacts)
    .innerJoin(companies, eq(companies.id, contacts.companyId))
    .where(
      and(sql`${contacts.id} IN (${input.survivorId}, ${input.sourceId})`, isNull(contacts.mergedIntoId), isNull(companies.mergedIntoId)),
    )
    .all();
  const survivor = rows.find((r) => r.id === input.survivorId);
  const source = rows.find((r) => r.id === input.sourceId);
  if (!survivor || !source) throw notFound();
  if (!canEditCompany(p, survivor) || !canEditCompany(p, source)) throw notFound();
  if (
    survivor.companyId !== source.companyId &&
    p.user.role === 'manager' &&
    (survivor.ownerId !== p.user.id || source.ownerId !== p.user.id)
  )
    throw forbidden();
  const counts = await ctx.db.get<{ points: number; events: number }>(sql`SELECT
    (SELECT count(*) FROM contact_points WHERE contact_id = ${source.id}) AS points,
    (SELECT count(*) FROM events WHERE contact_id = ${source.id}) AS events`);
  await ctx.db.batch([
    ctx.db.run(
      sql`UPDATE contact_points SET contact_id = ${survivor.id}, company_id = ${survivor.companyId} WHERE contact_id = ${source.id}`,
    ),
    ctx.db.run(sql`UPDATE events SET contact_id = ${survivor.id}, company_id = ${survivor.companyId} WHERE contact_id = ${source.id}`),
    ctx.db.run(sql`UPDATE contacts SET merged_into_id = ${survivor.id} WHERE id = ${source.id} OR merged_into_id = ${source.id}`),
    ...refreshCompanySearch(idList([survivor.companyId, source.companyId])).map((q) => ctx.db.run(q)),
    auditInsert(ctx, {
      action: 'merge',
      entity: 'contact',
      entityId: survivor.id,
      details: { mergedId: source.id, mergedName: source.name, moved: counts },
    }),
  ]);
  return {
    survivorId: survivor.id,
    mergedId: source.id,
    moved: { contact_points: Number(counts?.points ?? 0), events: Number(counts?.events ?? 0) },
  };
}
