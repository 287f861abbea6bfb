import { sql } from 'drizzle-orm';
import type { CallerCard } from '../../../schema/contracts';
import { canReadCompany } from '../access/policy';
import type { Principal } from '../access/principal';
import type { Db } from '../lib/db';

interface Row {
  company_id: number; company_name: string; status: 'prospect' | 'client'; region_id: number; owner_id: number | null;
  owner_name: string | null; owner_extension: string | null; region_name: string | null; contact_name: string | null;
  lead_id: number | null; stage_name: string | null;
}

/**
 * Who is behind a phone number (E.164), from one indexed read. A user who may open the company
 * gets its card; anyone else only the owner and region; the PBX (a machine) also the company name
 * and the owner's extension, which it needs to show and to route the call.
 */
export async function lookupCaller(db: Db, principal: Principal, phone: string): Promise<CallerCard> {
  const row = await db.get<Row | undefined>(sql`SELECT c.id AS company_id, c.name AS company_name, c.status, c.region_id, c.owner_id,
      u.name AS owner_name, u.phone_extension AS owner_extension, r.name AS region_name, k.name AS contact_name,
      l.id AS lead_id, s.name_ru AS stage_name
    FROM contact_points p
    JOIN companies c ON c.id = p.company_id
    LEFT JOIN contacts k ON k.id = p.contact_id
    LEFT JOIN users u ON u.id = c.owner_id
    LEFT JOIN regions r ON r.id = c.region_id
    LEFT JOIN leads l ON l.id = (SELECT id FROM leads WHERE company_id = c.id AND closed_at IS NULL ORDER BY created_at DESC LIMIT 1)
    LEFT JOIN stages s ON s.id = l.stage_id
    WHERE p.kind = 'phone' AND p.value = ${phone}`);
  if (!row) return { phone, known: false, ownerName: null, ownerExtension: null, regionName: null, status: null };
  const minimal = { phone, known: true, ownerName: row.owner_name, ownerExtension: row.owner_extension, regionName: row.region_name, status: row.status };
  if (principal.kind === 'machine') return { ...minimal, companyName: row.company_name };
  if (!canReadCompany(principal, { regionId: row.region_id, ownerId: row.owner_id })) return minimal;
  return {
    ...minimal, companyId: row.company_id, companyName: row.company_name, contactName: row.contact_name,
    openLead: row.lead_id !== null ? { id: row.lead_id, stageName: row.stage_name ?? '' } : null,
  };
}
