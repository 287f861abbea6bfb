import { eq } from 'drizzle-orm';
import { users } from '../../../schema/db';
import { AppError } from '../platform/errors';
import type { Db } from '../platform/db';
import { PBKDF2_ITERATIONS, verifyPassword } from '../platform/crypto';

// Compared against when the e-mail is unknown, so both failures take the same time (the iterations every stored hash has).
const DUMMY_HASH = `pbkdf2$sha256$${PBKDF2_ITERATIONS}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;

export const badCredentials = () => new AppError('unauthorized', { ru: 'Неверный e-mail или пароль', en: 'Wrong e-mail or password' });

/** The user id behind an e-mail and password, or unauthorized with one message for every failure. */
export async function checkPassword(db: Db, email: string, password: string): Promise<number> {
  const user = await db
    .select({ id: users.id, hash: users.passwordHash, active: users.active })
    .from(users)
    .where(eq(users.email, email))
    .get();
  const valid = await verifyPassword(password, user?.hash ?? DUMMY_HASH);
  if (!user || !valid) throw badCredentials();
  // Told only to whoever knows the password: a deactivated person learns why, a guesser learns nothing.
  if (!user.active)
    throw new AppError('forbidden', {
      ru: 'Учётная запись отключена администратором. Обратитесь к руководителю.',
      en: 'This account has been deactivated by the administrator. Ask your head of sales.',
    });
  return user.id;
}
