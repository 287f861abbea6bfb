import { sql } from 'drizzle-orm';
import type { CallerCard } from '../../../schema/contracts';
import { canReadCompany } from '../access';
import type { Principal } from '../platform/principal';
import type { Db } from '../platform/db';

export interface CallerRow {
  company_id: number;
  company_name: string;
  status: 'prospect' | 'client';
  region_id: number;
  owner_id: number | null;
  owner_name: string | null;
  owner_extension: string | null;
  region_name: string | null;
  contact_name: string | null;
  lead_id: number | null;
  stage_name: string | null;
}

/** The caller rows of some E.164 numbers, from one indexed read (one number: a plain equality). */
export async function callerRows(db: Db, phones: readonly string[]): Promise<Map<string, CallerRow>> {
  if (phones.length === 0) return new Map();
  const where =
    phones.length === 1
      ? sql`p.value = ${phones[0]}`
      : sql`p.value IN (SELECT value FROM json_each(${JSON.stringify([...new Set(phones)])}))`;
  const rows = await db.all<
    CallerRow & { phone: string }
  >(sql`SELECT p.value AS phone, c.id AS company_id, c.name AS company_name, c.status, c.region_id, c.owner_id,
      u.name AS owner_name, u.phone_extension AS owner_extension, r.name AS region_name, k.name AS contact_name,
      l.id AS lead_id, s.name_ru AS stage_name
    FROM contact_points p
    JOIN companies c ON c.id = p.company_id
    LEFT JOIN contacts k ON k.id = p.contact_id
    LEFT JOIN users u ON u.id = c.owner_id AND u.active = 1
    LEFT JOIN regions r ON r.id = c.region_id
    LEFT JOIN leads l ON l.id = (SELECT id FROM leads WHERE company_id = c.id AND closed_at IS NULL ORDER BY created_at DESC LIMIT 1)
    LEFT JOIN stages s ON s.id = l.stage_id
    WHERE p.kind = 'phone' AND ${where}`);
  return new Map(rows.map((r) => [r.phone, r]));
}

/**
 * What `principal` may see of the caller behind `row`. A user who may open the company gets its
 * card; anyone else only the owner and region; the PBX (a machine) also the company name and the
 * owner's extension, which it needs to show and to route the call.
 */
export function callerCard(principal: Principal, phone: string, row: CallerRow | undefined): CallerCard {
  if (!row) return { phone, known: false, ownerName: null, ownerExtension: null, regionName: null, status: null };
  const minimal = {
    phone,
    known: true,
    ownerName: row.owner_name,
    ownerExtension: row.owner_extension,
    regionName: row.region_name,
    status: row.status,
  };
  if (principal.kind === 'machine') return { ...minimal, companyName: row.company_name };
  if (!canReadCompany(principal, { regionId: row.region_id, ownerId: row.owner_id })) return minimal;
  return {
    ...minimal,
    companyId: row.company_id,
    companyName: row.company_name,
    contactName: row.contact_name,
    openLead: row.lead_id !== null ? { id: row.lead_id, stageName: row.stage_name ?? '' } : null,
  };
}
