import { checkPasswordThrottled } from '../sign-in-throttle';
import { findCredentialUser, hashSecret } from '../../platform/credentials';
import type { ServiceContext } from '../../platform/route';
import { issueToken } from '../tokens/create';
import { describeMe } from '../describe-me';

/** Extension sign-in: a password once, then a personal API token that can be revoked on its own. */
export async function issueDeviceToken({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { email: string; password: string; deviceName: string; address: string | null };
}) {
  const { userId, forgetAccount } = await checkPasswordThrottled(ctx, { ...input, via: 'extension' });
  const { secret } = await issueToken(ctx, userId, { kind: 'api', name: input.deviceName });
  await forgetAccount;
  const found = await findCredentialUser(ctx.db, 'tokens', await hashSecret(secret), ctx.now, 'api');
  if (!found) throw new Error('token vanished right after it was issued');
  return { token: secret, user: describeMe({ kind: 'user', via: 'extension', ...found }) };
}
