import { pbkdf2Sync, randomBytes } from 'node:crypto';

/** Same format as worker/src/lib/crypto.ts hashPassword, for seeds and tests written from Node. */
export function hashPasswordSync(password: string, iterations = 100_000): string {
  const salt = randomBytes(16);
  const hash = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  return `pbkdf2$sha256$${iterations}$${salt.toString('base64')}$${hash.toString('base64')}`;
}
