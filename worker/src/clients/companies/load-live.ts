import { eq } from 'drizzle-orm';
import { companies } from '../../../../schema/db';
import { canReadCompany } from '../../access';
import type { Principal } from '../../platform/principal';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';

/** A live (not merged-away) company the caller may read, or the same 404 as a missing one. */
export async function loadReadableCompany(db: Db, principal: Principal, id: number) {
  const company = await db.select().from(companies).where(eq(companies.id, id)).get();
  if (!company || company.mergedIntoId !== null || !canReadCompany(principal, company)) throw notFound();
  return company;
}
