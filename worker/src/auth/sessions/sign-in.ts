import { sessions } from '../../../../schema/db';
import { SESSION_COOKIE, findCredentialUser, hashSecret, newSecret } from '../../platform/credentials';
import { badCredentials } from '../password-check';
import { checkPasswordThrottled } from '../sign-in-throttle';
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
  input: { email: string; password: string; userAgent: string | null; address: string | null };
}) {
  const { userId, forgetAccount } = await checkPasswordThrottled(ctx, { ...input, via: 'password' });
  const secret = newSecret('');
  const tokenHash = await hashSecret(secret);
  const expiresAt = ctx.now + ctx.config.sessionTtlMs;
  await ctx.db.batch([
    ctx.db.insert(sessions).values({ tokenHash, userId, createdAt: ctx.now, expiresAt, userAgent: input.userAgent?.slice(0, 300) ?? null }),
    auditInsert(ctx, { action: 'sign_in', entity: 'session', details: { via: 'password' } }, userId),
    forgetAccount,
  ]);
  const found = await findCredentialUser(ctx.db, 'sessions', tokenHash, ctx.now);
  if (!found) throw badCredentials();
  return { secret, expiresAt, user: describeMe({ kind: 'user', via: 'session', ...found }) };
}
