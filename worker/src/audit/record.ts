import { sql, type SQL } from 'drizzle-orm';
import { auditLog } from '../../../schema/db';
import { companyReadScope } from '../access';
import { principalLabel } from '../platform/principal';
import type { ServiceContext } from '../platform/route';

export interface AuditEntry {
  action:
    | 'view'
    | 'export'
    | 'change'
    | 'merge'
    | 'assign'
    | 'hand_over'
    | 'sign_in'
    | 'sign_in_failed'
    | 'sign_out'
    | 'token_create'
    | 'token_revoke';
  entity: string;
  /** An id, or the SQL of one inserted earlier in the same batch. */
  entityId?: string | number | SQL | null;
  details?: Record<string, unknown>;
}

/** The audit insert, to run alone or in the batch of the change it records. */
export function auditInsert(ctx: ServiceContext, entry: AuditEntry, userId?: number) {
  return ctx.db.insert(auditLog).values({
    at: ctx.now,
    userId: userId ?? (ctx.principal.kind === 'user' ? ctx.principal.user.id : null),
    principal: principalLabel(ctx.principal),
    action: entry.action,
    entity: entry.entity,
    entityId:
      entry.entityId == null ? null : typeof entry.entityId === 'object' ? (entry.entityId as unknown as string) : String(entry.entityId),
    details: entry.details ?? null,
    requestId: ctx.requestId,
  });
}

/**
 * The audit row of a company view, written only if the caller may read that company — so it can
 * ride in the same batch as the reads, before the service has checked access itself.
 */
export function auditCompanyViewIfReadable(ctx: ServiceContext, companyId: number, details: Record<string, unknown>) {
  const userId = ctx.principal.kind === 'user' ? ctx.principal.user.id : null;
  return ctx.db.run(sql`INSERT INTO audit_log (at, user_id, principal, action, entity, entity_id, details, request_id)
    SELECT ${ctx.now}, ${userId}, ${principalLabel(ctx.principal)}, 'view', 'company', ${String(companyId)}, ${JSON.stringify(details)}, ${ctx.requestId}
    FROM companies WHERE companies.id = ${companyId} AND companies.merged_into_id IS NULL AND ${companyReadScope(ctx.principal) ?? sql`1`}`);
}
