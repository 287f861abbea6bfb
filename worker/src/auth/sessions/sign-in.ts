import { sessions } from '../../../../schema/db';
import { SESSION_COOKIE, findCredentialUser, hashSecret, newSecret } from '../../platform/credentials';
import { badCredentials, checkPassword } from '../password-check';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';
import { describeMe } from '../describe-me';

export { SESSION_COOKIE };

/** Password sign-in for pages: a new session whose secret goes into an HttpOnly cookie. */
export async function signIn({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { email: string; password: string; userAgent: string | null };
}) {
  const userId = await checkPassword(ctx.db, input.email, input.password);
  const secret = newSecret('');
  const tokenHash = await hashSecret(secret);
  const expiresAt = ctx.now + ctx.config.sessionTtlMs;
  await ctx.db.batch([
    ctx.db.insert(sessions).values({ tokenHash, userId, createdAt: ctx.now, expiresAt, userAgent: input.userAgent?.slice(0, 300) ?? null }),
    auditInsert(ctx, { action: 'sign_in', entity: 'session', details: { via: 'password' } }, userId),
  ]);
  const found = await findCredentialUser(ctx.db, 'sessions', tokenHash, ctx.now);
  if (!found) throw badCredentials();
  return { secret, expiresAt, user: describeMe({ kind: 'user', via: 'session', ...found }) };
}
