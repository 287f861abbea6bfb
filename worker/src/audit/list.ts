import { sql } from 'drizzle-orm';
import type { AuditQuery } from '../../../schema/contracts';
import { requireRole } from '../access';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { localTimeToUtc } from '../platform/time';

const TZ = 'Europe/Moscow';

interface Row {
  id: number;
  at: number;
  user_id: number | null;
  user_name: string | null;
  principal: string;
  action: string;
  entity: string;
  entity_id: string | null;
  details: string | null;
  request_id: string | null;
}

/**
 * The audit trail for the admin: reads of personal data, exports, changes, sign-ins, newest first,
 * filtered by user, client (the row is about it, or names it in its details), action and Moscow days.
 */
export async function listAudit({ ctx, input }: { ctx: ServiceContext; input: AuditQuery }) {
  requireRole(ctx.principal, 'admin');
  if (input.from && input.to && input.from > input.to)
    throw new AppError('validation_failed', undefined, [
      { field: 'query.from', message: ctx.lang === 'ru' ? 'Начало периода позже конца' : 'from is after to' },
    ]);
  const conditions = [sql`1 = 1`];
  if (input.userId) conditions.push(sql`a.user_id = ${input.userId}`);
  if (input.companyId)
    conditions.push(
      sql`((a.entity = 'company' AND a.entity_id = ${String(input.companyId)}) OR json_extract(a.details, '$.companyId') = ${input.companyId})`,
    );
  if (input.action) conditions.push(sql`a.action = ${input.action}`);
  if (input.from) conditions.push(sql`a.at >= ${localTimeToUtc(`${input.from}T00:00:00`, TZ)}`);
  if (input.to) conditions.push(sql`a.at < ${localTimeToUtc(`${input.to}T00:00:00`, TZ) + 86_400_000}`);
  if (input.before) conditions.push(sql`a.id < ${input.before}`);
  const rows = await ctx.db.all<Row>(sql`SELECT a.id, a.at, a.user_id, u.name AS user_name, a.principal, a.action, a.entity, a.entity_id,
      a.details, a.request_id
    FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
    WHERE ${sql.join(conditions, sql` AND `)} ORDER BY a.id DESC LIMIT ${input.limit + 1}`);
  const more = rows.length > input.limit;
  const items = rows.slice(0, input.limit).map((r) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    userName: r.user_name,
    principal: r.principal,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    details: r.details ? (JSON.parse(r.details) as Record<string, unknown>) : null,
    requestId: r.request_id,
  }));
  return { items, nextBefore: more ? items[items.length - 1]!.id : null };
}
