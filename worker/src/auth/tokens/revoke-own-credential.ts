import { eq } from 'drizzle-orm';
import { tokens } from '../../../../schema/db';
import { requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';

/** The extension's "sign out": the token it was called with stops working everywhere. */
export async function revokeOwnCredential({ ctx }: { ctx: ServiceContext }) {
  const p = requireUser(ctx.principal);
  await ctx.db.batch([
    ctx.db.update(tokens).set({ revokedAt: ctx.now }).where(eq(tokens.id, p.credentialId)),
    auditInsert(ctx, { action: 'token_revoke', entity: 'token', entityId: p.credentialId, details: { by: 'itself' } }),
  ]);
  return { ok: true as const };
}
