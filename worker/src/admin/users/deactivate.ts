import { sql } from 'drizzle-orm';
import { requireRole, requireWriter } from '../../access';
import { auditInsert } from '../../audit';
import { AppError, notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';

interface Person {
  id: number;
  active: number;
  sessions: number;
  tokens: number;
  clients: number;
}

/**
 * Offboarding: the admin deactivates a user. In one batch his sessions and API/embed tokens are
 * revoked (so the extension and the 1C widgets stop at their next request), he is marked inactive
 * (sign-in refuses him with a clear message; calls no longer ring or route to him; hand-overs and
 * ownership skip him) and the change is audited. His clients stay where they are until handed over:
 * the answer says how many he still owns. Activating again restores sign-in only — revoked tokens stay revoked.
 */
export async function setUserActive({ ctx, input }: { ctx: ServiceContext; input: { userId: number; active: boolean } }) {
  requireWriter(ctx.principal);
  const p = requireRole(ctx.principal, 'admin');
  if (input.userId === p.user.id && !input.active) {
    throw new AppError('validation_failed', undefined, [
      { field: 'params.id', message: ctx.lang === 'ru' ? 'Нельзя отключить самого себя' : 'You cannot deactivate yourself' },
    ]);
  }
  const person = await ctx.db.get<Person | undefined>(sql`SELECT id, active,
      (SELECT count(*) FROM sessions WHERE user_id = users.id AND revoked_at IS NULL AND expires_at > ${ctx.now}) AS sessions,
      (SELECT count(*) FROM tokens WHERE user_id = users.id AND revoked_at IS NULL) AS tokens,
      (SELECT count(*) FROM companies WHERE owner_id = users.id AND merged_into_id IS NULL) AS clients
    FROM users WHERE id = ${input.userId}`);
  if (!person) throw notFound();
  const changes = Boolean(person.active) !== input.active;
  if (changes) {
    await ctx.db.batch([
      ctx.db.run(sql`UPDATE users SET active = ${input.active ? 1 : 0} WHERE id = ${person.id}`),
      ...(input.active
        ? []
        : [
            ctx.db.run(sql`UPDATE sessions SET revoked_at = ${ctx.now} WHERE user_id = ${person.id} AND revoked_at IS NULL`),
            ctx.db.run(sql`UPDATE tokens SET revoked_at = ${ctx.now} WHERE user_id = ${person.id} AND revoked_at IS NULL`),
          ]),
      auditInsert(ctx, {
        action: 'change',
        entity: 'user',
        entityId: person.id,
        details: input.active
          ? { op: 'activate' }
          : { op: 'deactivate', sessionsEnded: person.sessions, tokensRevoked: person.tokens, clientsStillOwned: person.clients },
      }),
    ]);
  }
  return {
    userId: person.id,
    active: input.active,
    sessionsEnded: changes && !input.active ? person.sessions : 0,
    tokensRevoked: changes && !input.active ? person.tokens : 0,
    clientsStillOwned: person.clients,
  };
}
