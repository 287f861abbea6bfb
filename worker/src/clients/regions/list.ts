import { asc } from 'drizzle-orm';
import { regions } from '../../../../schema/db';
import { requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';

/** Region names and zones are no secret to anyone signed in: they label every figure. */
export async function listRegions({ ctx }: { ctx: ServiceContext }) {
  requireUser(ctx.principal);
  const items = await ctx.db.select().from(regions).orderBy(asc(regions.name)).all();
  return { items };
}
