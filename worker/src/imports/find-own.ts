import { and, eq } from 'drizzle-orm';
import { imports } from '../../../schema/db';
import { requireUser } from '../access';
import { notFound } from '../platform/errors';
import type { ServiceContext } from '../platform/route';

export type ImportRecord = typeof imports.$inferSelect;

/**
 * The caller's own import. An import belongs to whoever created it: anyone else, however senior,
 * gets the same 404 as for a missing id, so import ids cannot be probed.
 */
export async function findOwnImport(ctx: ServiceContext, id: number): Promise<ImportRecord> {
  const { user } = requireUser(ctx.principal);
  const row = await ctx.db
    .select()
    .from(imports)
    .where(and(eq(imports.id, id), eq(imports.userId, user.id)))
    .get();
  if (!row) throw notFound({ ru: 'Импорт не найден', en: 'Import not found' });
  return row;
}
