import { sql } from 'drizzle-orm';
import type { Collision } from '../../../../schema/contracts';
import { canReadCompany } from '../../access';
import type { Principal } from '../../platform/principal';
import type { Db } from '../../platform/db';

export interface CollisionProbe {
  inn?: string | null;
  /** With an ИНН: a different КПП is a branch, not a duplicate. undefined = any КПП matches. */
  kpp?: string | null;
  phones?: string[];
  emails?: string[];
  /** Ignore this company (its own data on update). */
  exceptCompanyId?: number;
  /** Ignore this contact's own phones and e-mails (a contact corrected keeps its numbers). */
  exceptContactId?: number;
}

interface Row {
  by: Collision['by'];
  value: string;
  id: number;
  name: string;
  region_id: number;
  owner_id: number | null;
  owner_name: string | null;
  region_name: string;
}

/**
 * Existing live companies that already hold this ИНН(+КПП), phone or e-mail. Arrays travel as one
 * JSON parameter (json_each), so any number of values stays within D1's 100-parameter limit.
 */
export async function findCollisions(db: Db, principal: Principal, probe: CollisionProbe): Promise<Collision[]> {
  const phones = JSON.stringify(probe.phones ?? []);
  const emails = JSON.stringify(probe.emails ?? []);
  const except = probe.exceptCompanyId ?? 0;
  const innClause = probe.inn
    ? sql`SELECT 'inn' AS by, c.inn AS value, c.id AS company_id FROM companies c
          WHERE c.inn = ${probe.inn} AND ${probe.kpp === undefined ? sql`1` : sql`coalesce(c.kpp, '') = ${probe.kpp ?? ''}`}
            AND c.merged_into_id IS NULL AND c.id != ${except}`
    : sql`SELECT NULL AS by, NULL AS value, NULL AS company_id WHERE 0`;
  const rows = await db.all<Row>(sql`
    WITH hits AS (
      ${innClause}
      UNION ALL
      SELECT p.kind AS by, p.value, p.company_id FROM contact_points p
        WHERE ((p.kind = 'phone' AND p.value IN (SELECT value FROM json_each(${phones})))
            OR (p.kind = 'email' AND p.value IN (SELECT value FROM json_each(${emails}))))
          AND p.company_id != ${except} AND p.contact_id != ${probe.exceptContactId ?? 0}
    )
    SELECT h.by, h.value, c.id, c.name, c.region_id, c.owner_id, u.name AS owner_name, r.name AS region_name
    FROM hits h JOIN companies c ON c.id = h.company_id JOIN regions r ON r.id = c.region_id
    LEFT JOIN users u ON u.id = c.owner_id`);
  return rows.map((r) => describeCollision(principal, r));
}

export function describeCollision(principal: Principal, r: Row): Collision {
  const visible = canReadCompany(principal, { regionId: r.region_id, ownerId: r.owner_id });
  return {
    by: r.by,
    value: r.value,
    exists: true,
    ownerName: r.owner_name,
    regionName: r.region_name,
    ...(visible ? { companyId: r.id, companyName: r.name } : {}),
  };
}

/** Likely duplicates: the same normalised name in the same region (advice, never a refusal). */
export async function findNameCandidates(
  db: Db,
  principal: Principal,
  input: { nameNormalized: string; regionId: number; exceptCompanyId?: number },
): Promise<Collision[]> {
  const rows = await db.all<Row>(sql`
    SELECT 'name' AS by, ${input.nameNormalized} AS value, c.id, c.name, c.region_id, c.owner_id, u.name AS owner_name, r.name AS region_name
    FROM companies c JOIN regions r ON r.id = c.region_id LEFT JOIN users u ON u.id = c.owner_id
    WHERE c.name_normalized = ${input.nameNormalized} AND c.region_id = ${input.regionId}
      AND c.merged_into_id IS NULL AND c.id != ${input.exceptCompanyId ?? 0}
    LIMIT 10`);
  return rows.map((r) => describeCollision(principal, r));
}
