import { eq } from 'drizzle-orm';
import { mailNeverLog } from '../../../../schema/db';
import { requireRole } from '../../access';
import { notFound } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';

/** Mail of this address or domain is logged again from now on; what was skipped stays skipped. */
export async function removeNeverLog({ ctx, input }: { ctx: ServiceContext; input: { pattern: string } }) {
  requireRole(ctx.principal, 'admin');
  const pattern = input.pattern.trim().toLowerCase();
  const existing = await ctx.db.select().from(mailNeverLog).where(eq(mailNeverLog.pattern, pattern)).get();
  if (!existing) throw notFound({ ru: `В списке нет «${pattern}»`, en: `«${pattern}» is not on the list` });
  await ctx.db.batch([
    ctx.db.delete(mailNeverLog).where(eq(mailNeverLog.pattern, pattern)),
    auditInsert(ctx, { action: 'change', entity: 'mail_never_log', entityId: pattern, details: { op: 'remove', note: existing.note } }),
  ]);
  return { pattern, removed: true as const };
}
