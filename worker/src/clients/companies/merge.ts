import { sql } from 'drizzle-orm';
import { convertedAtUpdate } from '../../../../schema/rollups';
import { idList, refreshCompanySearch } from '../../../../schema/db/search';
import { canManageOwnership, requireWriter } from '../../access';
import { AppError, forbidden } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { loadReadableCompany } from './load-live';

/** Tables whose company_id follows a merge, in the order they move. */
const MOVED = ['contacts', 'contact_points', 'events', 'leads', 'tasks', 'onec_documents'] as const;

/**
 * Merges `sourceId` into `survivorId`: every contact, point, event, lead, task and 1C document
 * moves, the source keeps a redirect (merged_into_id), earlier redirects to it are re-pointed,
 * the survivor inherits a missing ИНН/КПП (with the source's mark of a known duplicate, if any: the source
 * leaves the unique index of live ИНН+КПП first, so the survivor takes its place) and 1C reference — all
 * in one batch, audit-logged with counts.
 */
export async function mergeCompanies({ ctx, input }: { ctx: ServiceContext; input: { survivorId: number; sourceId: number } }) {
  const p = requireWriter(ctx.principal);
  if (input.survivorId === input.sourceId) {
    throw new AppError('validation_failed', undefined, [
      {
        field: 'body.sourceId',
        message: ctx.lang === 'ru' ? 'Нельзя объединить компанию саму с собой' : 'A company cannot be merged into itself',
      },
    ]);
  }
  const survivor = await loadReadableCompany(ctx.db, p, input.survivorId);
  const source = await loadReadableCompany(ctx.db, p, input.sourceId);
  const ownsBoth = survivor.ownerId === p.user.id && source.ownerId === p.user.id;
  if (!ownsBoth && !(canManageOwnership(p, survivor.regionId) && canManageOwnership(p, source.regionId))) {
    throw forbidden({
      ru: 'Объединять клиентов разных менеджеров может руководитель или администратор',
      en: 'Only a head or the admin merges clients of different managers',
    });
  }
  const counts = await ctx.db.get<Record<string, number>>(
    sql.raw(`SELECT ${MOVED.map((t) => `(SELECT count(*) FROM ${t} WHERE company_id = ${source.id}) AS ${t}`).join(', ')}`),
  );
  const s = survivor.id;
  const m = source.id;
  await ctx.db.batch([
    ctx.db.run(sql`UPDATE contacts SET company_id = ${s} WHERE company_id = ${m}`),
    ctx.db.run(sql`UPDATE contact_points SET company_id = ${s} WHERE company_id = ${m}`),
    ctx.db.run(sql`UPDATE events SET company_id = ${s} WHERE company_id = ${m}`),
    ctx.db.run(sql`UPDATE leads SET company_id = ${s}, region_id = ${survivor.regionId} WHERE company_id = ${m}`),
    ctx.db.run(sql`UPDATE tasks SET company_id = ${s} WHERE company_id = ${m}`),
    ctx.db.run(sql`UPDATE onec_documents SET company_id = ${s} WHERE company_id = ${m}`),
    ctx.db.run(sql`UPDATE companies SET merged_into_id = ${s} WHERE merged_into_id = ${m}`),
    // The 1C reference is unique: free it on the source before the survivor takes it.
    ctx.db.run(sql`UPDATE companies SET merged_into_id = ${s}, onec_ref = NULL, updated_at = ${ctx.now} WHERE id = ${m}`),
    ctx.db.run(sql`UPDATE companies SET
        inn = coalesce(inn, ${source.inn}), kpp = CASE WHEN inn IS NULL THEN ${source.kpp} ELSE kpp END,
        duplicate_of_id = CASE WHEN inn IS NULL THEN ${source.duplicateOfId} ELSE duplicate_of_id END,
        onec_ref = coalesce(onec_ref, ${source.onecRef}),
        status = CASE WHEN status = 'client' OR ${source.status} = 'client' THEN 'client' ELSE 'prospect' END,
        updated_at = ${ctx.now}
      WHERE id = ${s}`),
    // The survivor was converted when the first of the two paid.
    ctx.db.run(sql.raw(convertedAtUpdate(`id = ${Number(s)}`))),
    ...refreshCompanySearch(idList([s, m])).map((q) => ctx.db.run(q)),
    auditInsert(ctx, { action: 'merge', entity: 'company', entityId: s, details: { mergedId: m, mergedName: source.name, moved: counts } }),
  ]);
  return { survivorId: s, mergedId: m, moved: Object.fromEntries(MOVED.map((t) => [t, Number(counts?.[t] ?? 0)])) };
}
