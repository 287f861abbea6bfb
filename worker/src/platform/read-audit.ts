import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { principalLabel, type Principal } from './principal';

/** What the audit needs of the service context (route.ts passes it; no import back to route.ts). */
interface ReadContext {
  db: Db;
  principal: Principal;
  now: number;
  requestId: string;
}

/**
 * 152-ФЗ: a route that returns clients' personal data — in bulk or by id — says so in its spec, and
 * every successful answer of it to a person leaves one audit row: who, when, which route, which
 * client (when one), how many records, which filters were used (their names, never their values:
 * a search text may itself be a phone or a name). The data itself is never logged.
 */
export interface ReadAudit {
  /** What was read: 'clients', 'client', 'lead', 'calls', 'documents', 'widget', 'import', 'sync', 'tasks' … */
  what: string;
  /** The client the answer is about, when it is about one (a card, a lead's company, a found caller). */
  companyId?: (args: { params: Record<string, unknown>; result: unknown }) => number | null | undefined;
}

function countOf(result: unknown): number | null {
  if (result && typeof result === 'object') {
    for (const key of ['items', 'rows', 'hits', 'callBacks']) {
      const v = (result as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v.length;
    }
  }
  return null;
}

const idOf = (v: unknown) =>
  typeof v === 'number' && Number.isSafeInteger(v) ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : null;

/** The audit row of one personal-data read; written after the answer is built, only for people (not machines). */
export async function recordRead(
  ctx: ReadContext,
  audit: ReadAudit,
  request: { method: string; path: string; route: string; query: Record<string, string>; params: Record<string, unknown> },
  result: unknown,
): Promise<void> {
  if (ctx.principal.kind !== 'user') return;
  const companyId = audit.companyId ? (audit.companyId({ params: request.params, result }) ?? null) : null;
  const details = {
    route: `${request.method} ${request.route}`,
    what: audit.what,
    ...(companyId !== null ? { companyId } : {}),
    ...(countOf(result) !== null ? { count: countOf(result) } : {}),
    ...(Object.keys(request.query).length
      ? {
          filters: Object.keys(request.query)
            .filter((k) => k !== 't')
            .sort(),
        }
      : {}),
  };
  const entityId = companyId ?? idOf(request.params['id']);
  await ctx.db.run(sql`INSERT INTO audit_log (at, user_id, principal, action, entity, entity_id, details, request_id)
    VALUES (${ctx.now}, ${ctx.principal.user.id}, ${principalLabel(ctx.principal)}, 'read', ${companyId !== null ? 'company' : audit.what},
      ${entityId === null ? null : String(entityId)}, ${JSON.stringify(details)}, ${ctx.requestId})`);
}
