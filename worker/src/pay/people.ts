import { and, asc, eq } from 'drizzle-orm';
import { users } from '../../../schema/db';
import { requireUser, userReadScope } from '../access';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { localDate } from '../platform/time';
import type { PayPerson } from './month-figures';

/**
 * The managers whose plans and pay the caller may see: himself; a head his regions' managers;
 * the admin all. Active ones for lists; one asked for by id may have left since.
 */
export async function payPeople(ctx: ServiceContext, only?: number): Promise<PayPerson[]> {
  requireUser(ctx.principal);
  return ctx.db
    .select({ id: users.id, name: users.name, timeZone: users.timeZone })
    .from(users)
    .where(and(userReadScope(ctx.principal), eq(users.role, 'manager'), only === undefined ? eq(users.active, true) : eq(users.id, only)))
    .orderBy(asc(users.name), asc(users.id))
    .all();
}

/** One manager in the caller's scope, else 404 (an out-of-scope id looks like a missing one). */
export async function payPerson(ctx: ServiceContext, userId: number): Promise<PayPerson> {
  const [person] = await payPeople(ctx, userId);
  if (!person) throw new AppError('not_found', { ru: 'Нет такого менеджера', en: 'No such manager' });
  return person;
}

/** The current month in Moscow time (1C's dates and the plans are Moscow months). */
export function currentMonth(now: number): string {
  return localDate(now, 'Europe/Moscow').slice(0, 7);
}
