import { eq } from 'drizzle-orm';
import { users } from '../../../../schema/db';
import { requireUser } from '../../access';
import { knownTimeZone } from '../../platform/ru-format';
import type { ServiceContext } from '../../platform/route';

/** The caller's own IANA zone from his user row, or Moscow time when it is missing or unknown. */
export async function getUserTimeZone({ ctx }: { ctx: ServiceContext }): Promise<string> {
  const p = requireUser(ctx.principal);
  const row = await ctx.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, p.user.id)).get();
  return knownTimeZone(row?.timeZone);
}
