import { asc } from 'drizzle-orm';
import { mailNeverLog } from '../../../../schema/db';
import { requireRole } from '../../access';
import type { ServiceContext } from '../../platform/route';

/** The admin's never-log list, with the own domains that are never logged without a row. */
export async function listNeverLog({ ctx }: { ctx: ServiceContext }) {
  requireRole(ctx.principal, 'admin');
  const items = await ctx.db.select().from(mailNeverLog).orderBy(asc(mailNeverLog.pattern)).all();
  return { items, ownDomains: ctx.config.mailOwnDomains };
}
