import { and, asc, eq, isNull } from 'drizzle-orm';
import { companies, contactPoints, contacts } from '../../../../schema/db';
import type { CompanyDetail } from '../../../../schema/contracts';
import { canReadCompany, requireUser } from '../../access';
import type { Principal } from '../../platform/principal';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { companySummaryColumns } from './list';

/** The three reads behind a company's detail, to run in whatever batch needs them. */
export function companyDetailQueries(db: Db, id: number) {
  return [
    db
      .select({
        ...companySummaryColumns,
        onecRef: companies.onecRef,
        createdAt: companies.createdAt,
        updatedAt: companies.updatedAt,
        mergedIntoId: companies.mergedIntoId,
      })
      .from(companies)
      .where(eq(companies.id, id)),
    db
      .select({ id: contacts.id, name: contacts.name, position: contacts.position })
      .from(contacts)
      .where(and(eq(contacts.companyId, id), isNull(contacts.mergedIntoId)))
      .orderBy(asc(contacts.id)),
    db
      .select({
        contactId: contactPoints.contactId,
        kind: contactPoints.kind,
        value: contactPoints.value,
        extension: contactPoints.extension,
      })
      .from(contactPoints)
      .where(eq(contactPoints.companyId, id))
      .orderBy(asc(contactPoints.id)),
  ] as const;
}

type DetailRows = readonly [
  Awaited<ReturnType<typeof companyDetailQueries>[0]>,
  Awaited<ReturnType<typeof companyDetailQueries>[1]>,
  Awaited<ReturnType<typeof companyDetailQueries>[2]>,
];

/**
 * The detail out of those rows, if the caller may read it. A company out of scope (or merged
 * away) answers 404 exactly like a missing one, so ids cannot be probed.
 */
export function assembleDetail(principal: Principal, [companyRows, contactRows, pointRows]: DetailRows): CompanyDetail {
  const company = companyRows[0];
  if (!company || company.mergedIntoId !== null || !canReadCompany(principal, company)) throw notFound();
  const { mergedIntoId: _redirect, ...summary } = company;
  return {
    ...summary,
    contacts: contactRows.map((c) => ({
      ...c,
      points: pointRows.filter((p) => p.contactId === c.id).map(({ kind, value, extension }) => ({ kind, value, extension })),
    })),
  };
}

/** One company with its contacts; each view is audit-logged (not the read-back after a change). */
export async function getCompany({
  ctx,
  input,
  audit = true,
}: {
  ctx: ServiceContext;
  input: { id: number };
  audit?: boolean;
}): Promise<CompanyDetail> {
  requireUser(ctx.principal);
  const detail = assembleDetail(ctx.principal, await ctx.db.batch(companyDetailQueries(ctx.db, input.id)));
  if (audit) await auditInsert(ctx, { action: 'view', entity: 'company', entityId: detail.id }).run();
  return detail;
}
