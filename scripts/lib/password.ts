import { pbkdf2Sync, randomBytes } from 'node:crypto';

/** The one writer of password hashes (seeds, user:add, tests); worker/src/platform/crypto.ts verifyPassword reads the format. */
export function hashPasswordSync(password: string, iterations = 100_000): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  return `pbkdf2$sha256$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
