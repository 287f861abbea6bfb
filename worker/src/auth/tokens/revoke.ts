import { and, eq, isNull } from 'drizzle-orm';
import { tokens } from '../../../../schema/db';
import { requireWriter } from '../../access';
import { notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';

/** Revokes one of the caller's own tokens; someone else's id answers 404, as if absent. */
export async function revokeToken({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  const p = requireWriter(ctx.principal);
  const own = await ctx.db
    .select({ id: tokens.id, revokedAt: tokens.revokedAt })
    .from(tokens)
    .where(and(eq(tokens.id, input.id), eq(tokens.userId, p.user.id)))
    .get();
  if (!own) throw notFound();
  await ctx.db.batch([
    ctx.db
      .update(tokens)
      .set({ revokedAt: ctx.now })
      .where(and(eq(tokens.id, input.id), isNull(tokens.revokedAt))),
    auditInsert(ctx, { action: 'token_revoke', entity: 'token', entityId: input.id }),
  ]);
  return { ok: true as const };
}
