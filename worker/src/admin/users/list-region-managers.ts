import { and, asc, eq } from 'drizzle-orm';
import { userRegions, users } from '../../../../schema/db';
import { canManageOwnership, requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';

/**
 * Whom a company of this region can be given to: its active managers (what assignOwner accepts).
 * Empty for callers who may not change owners there, so nothing offers them a choice.
 */
export async function listRegionManagers({ ctx, input }: { ctx: ServiceContext; input: { regionId: number } }) {
  const p = requireUser(ctx.principal);
  if (!canManageOwnership(p, input.regionId)) return { items: [] };
  const items = await ctx.db
    .select({ id: users.id, name: users.name })
    .from(users)
    .innerJoin(userRegions, and(eq(userRegions.userId, users.id), eq(userRegions.regionId, input.regionId)))
    .where(and(eq(users.role, 'manager'), eq(users.active, true)))
    .orderBy(asc(users.name))
    .all();
  return { items };
}
