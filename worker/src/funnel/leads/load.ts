import { sql } from 'drizzle-orm';
import { canReadCompany } from '../../access';
import type { Principal } from '../../platform/principal';
import type { Db } from '../../platform/db';
import { notFound } from '../../platform/errors';

export interface LeadRow {
  id: number;
  company_id: number;
  region_id: number;
  owner_id: number | null;
  stage_id: string;
  amount_kopecks: number;
  channel: string;
  created_at: number;
  stage_entered_at: number;
  closed_at: number | null;
  lost_reason: string | null;
  subject: string | null;
}

/** A lead the caller may read (leads follow the company rule on their own owner and region), else 404. */
export async function loadReadableLead(db: Db, principal: Principal, id: number): Promise<LeadRow> {
  const lead = await db.get<LeadRow | undefined>(sql`SELECT id, company_id, region_id, owner_id, stage_id, amount_kopecks, channel,
    created_at, stage_entered_at, closed_at, lost_reason, subject FROM leads WHERE id = ${id}`);
  if (!lead || !canReadCompany(principal, { regionId: lead.region_id, ownerId: lead.owner_id })) throw notFound();
  return lead;
}
