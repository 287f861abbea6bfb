import { asc, sql } from 'drizzle-orm';
import { users } from '../../../../schema/db';
import { requireUser, userReadScope } from '../../access';
import type { ServiceContext } from '../../platform/route';

/** Users in the caller's scope: a manager himself, a head his regions' people, the admin everyone. */
export async function listUsers({ ctx }: { ctx: ServiceContext }) {
  requireUser(ctx.principal);
  const rows = await ctx.db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      phoneExtension: users.phoneExtension,
      timeZone: users.timeZone,
      active: users.active,
      regionIds: sql<string | null>`(SELECT group_concat(region_id) FROM user_regions WHERE user_id = ${users.id})`,
    })
    .from(users)
    .where(userReadScope(ctx.principal))
    .orderBy(asc(users.name))
    .all();
  return { items: rows.map((r) => ({ ...r, regionIds: r.regionIds ? r.regionIds.split(',').map(Number) : [] })) };
}
