import { eq } from 'drizzle-orm';
import { companies } from '../../../../schema/db';
import { parseInnKpp } from '../../../../schema/domain/inn';
import { idList, refreshCompanySearch } from '../../../../schema/db/search';
import { canEditCompany, requireWriter } from '../../access';
import { AppError, forbidden } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { assertNoCollisions, writeUnlessDuplicate } from '../dedup/assert-no-collisions';
import { findNameCandidates } from '../dedup/find-collisions';
import { checkCompanyFields, throwIfIssues } from '../dedup/normalize-input';
import { getCompany } from './get';
import { loadReadableCompany } from './load-live';

export interface CompanyChanges {
  name?: string | undefined;
  inn?: string | null | undefined;
  kpp?: string | null | undefined;
  regionId?: number | undefined;
  status?: 'prospect' | 'client' | undefined;
}

/** Edits name, ИНН/КПП, region or status; the same dedup rules as on create. Owners change elsewhere. */
export async function updateCompany({ ctx, input }: { ctx: ServiceContext; input: { id: number; changes: CompanyChanges } }) {
  const p = requireWriter(ctx.principal);
  const current = await loadReadableCompany(ctx.db, p, input.id);
  if (!canEditCompany(p, current)) throw forbidden();
  const { changes } = input;
  if (
    changes.regionId !== undefined &&
    changes.regionId !== current.regionId &&
    p.user.role !== 'admin' &&
    !p.user.regionIds.includes(changes.regionId)
  ) {
    throw new AppError('forbidden', {
      ru: 'Перенести клиента можно только в свой регион',
      en: 'A client can only be moved into your own region',
    });
  }
  const fields = checkCompanyFields(
    {
      name: changes.name,
      inn: changes.inn === undefined && changes.kpp !== undefined ? current.inn : changes.inn,
      // A КПП pasted with the new ИНН ("ИНН/КПП …/…") replaces the stored one; otherwise the stored one is kept.
      kpp: changes.kpp === undefined && changes.inn !== undefined ? (parseInnKpp(changes.inn ?? '').kpp ?? current.kpp) : changes.kpp,
    },
    ctx.lang,
  );
  throwIfIssues(fields.issues);
  const inn = fields.value.inn === undefined ? current.inn : fields.value.inn;
  const kpp = fields.value.kpp === undefined ? current.kpp : fields.value.kpp;
  const keyChanged = inn !== current.inn || kpp !== current.kpp;
  const keys = { inn, kpp, exceptCompanyId: current.id };
  if (inn && keyChanged) await assertNoCollisions(ctx.db, p, keys);
  const set = {
    ...(fields.value.name !== undefined ? { name: fields.value.name, nameNormalized: fields.value.nameNormalized! } : {}),
    ...(fields.value.inn !== undefined ? { inn } : {}),
    ...(fields.value.kpp !== undefined ? { kpp } : {}),
    // A company kept as a known duplicate of another ИНН+КПП is checked like any other once its key is edited.
    ...(keyChanged ? { duplicateOfId: null } : {}),
    ...(changes.regionId !== undefined ? { regionId: changes.regionId } : {}),
    ...(changes.status !== undefined ? { status: changes.status } : {}),
    updatedAt: ctx.now,
  };
  const before = Object.fromEntries(
    Object.keys(set)
      .filter((k) => k !== 'updatedAt')
      .map((k) => [k, current[k as keyof typeof current]]),
  );
  await writeUnlessDuplicate(ctx.db, p, keys, () =>
    ctx.db.batch([
      ctx.db.update(companies).set(set).where(eq(companies.id, current.id)),
      ...refreshCompanySearch(idList([current.id])).map((s) => ctx.db.run(s)),
      auditInsert(ctx, {
        action: 'change',
        entity: 'company',
        entityId: current.id,
        details: { op: 'update', before, after: { ...set, updatedAt: undefined } },
      }),
    ]),
  );
  const candidates =
    set.nameNormalized || set.regionId
      ? await findNameCandidates(ctx.db, p, {
          nameNormalized: set.nameNormalized ?? current.nameNormalized,
          regionId: set.regionId ?? current.regionId,
          exceptCompanyId: current.id,
        })
      : [];
  return { company: await getCompany({ ctx, input: { id: current.id }, audit: false }), candidates };
}
