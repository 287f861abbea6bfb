import type { SQL } from 'drizzle-orm';
import { auditLog } from '../../../../schema/db';
import { principalLabel } from '../../access/principal';
import type { ServiceContext } from '../../lib/route';

export interface AuditEntry {
  action: 'view' | 'export' | 'change' | 'merge' | 'assign' | 'hand_over' | 'sign_in' | 'sign_out' | 'token_create' | 'token_revoke';
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
    entityId: entry.entityId == null ? null : typeof entry.entityId === 'object' ? (entry.entityId as unknown as string) : String(entry.entityId),
    details: entry.details ?? null,
    requestId: ctx.requestId,
  });
}
