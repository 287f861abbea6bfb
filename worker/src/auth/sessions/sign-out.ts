import { eq } from 'drizzle-orm';
import { sessions } from '../../../../schema/db';
import type { ServiceContext } from '../../platform/route';
import { requireUser } from '../../access';
import { auditInsert } from '../../audit';

/** Revokes the session the request came with; the cookie alone would outlive a mere deletion. */
export async function signOut({ ctx }: { ctx: ServiceContext }) {
  const p = requireUser(ctx.principal);
  await ctx.db.batch([
    ctx.db.update(sessions).set({ revokedAt: ctx.now }).where(eq(sessions.id, p.credentialId)),
    auditInsert(ctx, { action: 'sign_out', entity: 'session', entityId: p.credentialId }),
  ]);
  return { ok: true as const };
}
