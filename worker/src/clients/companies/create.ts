import { and, eq, sql } from 'drizzle-orm';
import { companies, userRegions, users } from '../../../../schema/db';
import { refreshCompanySearch } from '../../../../schema/db/search';
import type { CompanyCreate } from '../../../../schema/contracts';
import { requireWriter } from '../../access';
import type { UserPrincipal } from '../../access';
import { enqueueCounterpartyExport } from '../../onec';
import { AppError, forbidden } from '../../platform/errors';
import type { Db } from '../../platform/db';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { assertNoCollisions, writeUnlessDuplicate } from '../dedup/assert-no-collisions';
import { findNameCandidates } from '../dedup/find-collisions';
import { checkCompanyFields, checkContacts, throwIfIssues } from '../dedup/normalize-input';
import { contactInserts } from '../dedup/write-contacts';
import { getCompany } from './get';

/** Whether `ownerId` is an active manager working `regionId` — the only kind of owner a company has. */
export async function isManagerOfRegion(db: Db, ownerId: number, regionId: number): Promise<boolean> {
  const row = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRegions, and(eq(userRegions.userId, users.id), eq(userRegions.regionId, regionId)))
    .where(and(eq(users.id, ownerId), eq(users.role, 'manager'), eq(users.active, true)))
    .get();
  return !!row;
}

/** Resolves who will own a new company and refuses what the caller may not create. */
export async function resolveNewOwner(
  db: Db,
  p: UserPrincipal,
  regionId: number,
  ownerId: number | null | undefined,
): Promise<number | null> {
  const { role, id, regionIds } = p.user;
  if (role !== 'admin' && !regionIds.includes(regionId)) {
    throw new AppError('forbidden', { ru: 'Этот регион не в вашей зоне', en: 'This region is outside your scope' });
  }
  if (role === 'manager') {
    if (ownerId !== undefined && ownerId !== null && ownerId !== id)
      throw forbidden({
        ru: 'Менеджер создаёт клиентов только на себя или в пул региона',
        en: 'A manager creates clients for himself or the region pool only',
      });
    return ownerId === null ? null : id;
  }
  if (ownerId === undefined || ownerId === null) return null;
  if (!(await isManagerOfRegion(db, ownerId, regionId))) {
    throw new AppError('validation_failed', undefined, [
      {
        field: 'body.ownerId',
        message: 'Ответственный должен быть активным менеджером этого региона / The owner must be an active manager of this region',
      },
    ]);
  }
  return ownerId;
}

/**
 * Creates a company with its contacts in one batch. Exact duplicates (ИНН+КПП, phone, e-mail)
 * are refused; same-name companies of the region come back as candidates.
 */
export async function createCompany({ ctx, input }: { ctx: ServiceContext; input: CompanyCreate }) {
  const p = requireWriter(ctx.principal);
  const fields = checkCompanyFields({ name: input.name, inn: input.inn ?? null, kpp: input.kpp ?? null }, ctx.lang);
  const people = checkContacts(input.contacts, ctx.lang);
  throwIfIssues([...fields.issues, ...people.issues]);
  const ownerId = await resolveNewOwner(ctx.db, p, input.regionId, input.ownerId);
  const keys = {
    inn: fields.value.inn,
    kpp: fields.value.kpp,
    phones: people.value.flatMap((c) => c.phones.map((x) => x.e164)),
    emails: people.value.flatMap((c) => c.emails),
  };
  await assertNoCollisions(ctx.db, p, keys);
  const newId = sql`(SELECT max(id) FROM companies)`;
  const [inserted] = await writeUnlessDuplicate(ctx.db, p, keys, () =>
    ctx.db.batch([
      ctx.db
        .insert(companies)
        .values({
          name: fields.value.name!,
          nameNormalized: fields.value.nameNormalized!,
          inn: fields.value.inn ?? null,
          kpp: fields.value.kpp ?? null,
          regionId: input.regionId,
          ownerId,
          status: input.status,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: companies.id }),
      ...contactInserts(ctx.db, newId, people.value, ctx.now),
      ...refreshCompanySearch(sql`SELECT max(id) FROM companies`).map((s) => ctx.db.run(s)),
      auditInsert(ctx, {
        action: 'change',
        entity: 'company',
        entityId: sql`(SELECT CAST(max(id) AS TEXT) FROM companies)`,
        details: { op: 'create', name: fields.value.name, ownerId },
      }),
      ctx.db.run(enqueueCounterpartyExport(sql`SELECT max(id) FROM companies`, ctx.now)),
    ]),
  );
  const id = inserted[0]!.id;
  const candidates = await findNameCandidates(ctx.db, p, {
    nameNormalized: fields.value.nameNormalized!,
    regionId: input.regionId,
    exceptCompanyId: id,
  });
  return { company: await getCompany({ ctx, input: { id }, audit: false }), candidates };
}
