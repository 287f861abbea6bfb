import { asc, eq } from 'drizzle-orm';
import { companies, contactPoints, contacts } from '../../../../schema/db';
import type { CompanyDetail } from '../../../../schema/contracts';
import { canReadCompany, requireUser } from '../../access/policy';
import { notFound } from '../../lib/errors';
import type { ServiceContext } from '../../lib/route';
import { auditInsert } from '../audit/record';
import { companySummaryColumns } from './list';

/**
 * One company with its contacts, if the caller may read it. A company out of scope answers
 * 404 exactly like a missing one, so ids cannot be probed. Every view is audit-logged.
 */
export async function getCompany({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<CompanyDetail> {
  requireUser(ctx.principal);
  const [companyRows, contactRows, pointRows] = await ctx.db.batch([
    ctx.db.select({ ...companySummaryColumns, onecRef: companies.onecRef, createdAt: companies.createdAt, updatedAt: companies.updatedAt, mergedIntoId: companies.mergedIntoId })
      .from(companies).where(eq(companies.id, input.id)),
    ctx.db.select({ id: contacts.id, name: contacts.name, position: contacts.position }).from(contacts)
      .where(eq(contacts.companyId, input.id)).orderBy(asc(contacts.id)),
    ctx.db.select({ contactId: contactPoints.contactId, kind: contactPoints.kind, value: contactPoints.value, extension: contactPoints.extension })
      .from(contactPoints).where(eq(contactPoints.companyId, input.id)).orderBy(asc(contactPoints.id)),
  ]);
  const company = companyRows[0];
  if (!company || company.mergedIntoId !== null || !canReadCompany(ctx.principal, company)) throw notFound();
  await auditInsert(ctx, { action: 'view', entity: 'company', entityId: company.id }).run();
  const { mergedIntoId: _redirect, ...summary } = company;
  return {
    ...summary,
    contacts: contactRows.map((c) => ({
      ...c,
      points: pointRows.filter((p) => p.contactId === c.id).map(({ kind, value, extension }) => ({ kind, value, extension })),
    })),
  };
}
