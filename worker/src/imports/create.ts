import { eq } from 'drizzle-orm';
import { imports, regions } from '../../../schema/db';
import type { ImportCreate } from '../../../schema/contracts';
import { requireWriter } from '../access';
import { AppError, forbidden } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { isManagerOfRegion } from '../clients';

/**
 * Opens an import: where its new clients go and whose they are. A manager imports into his own
 * regions and always for himself; a head into a region he heads, for one of its managers or the
 * pool; the admin anywhere. The imports row itself records who started it and when.
 */
export async function createImport({ ctx, input }: { ctx: ServiceContext; input: ImportCreate }): Promise<{ id: number }> {
  const p = requireWriter(ctx.principal);
  const { role, id: userId, regionIds } = p.user;
  if (role !== 'admin' && !regionIds.includes(input.regionId)) {
    throw forbidden({
      ru: 'Этот регион не в вашей зоне: загружать клиентов можно только в свои регионы',
      en: 'This region is outside your scope: import into your own regions only',
    });
  }
  const region = await ctx.db.select({ id: regions.id }).from(regions).where(eq(regions.id, input.regionId)).get();
  if (!region)
    throw new AppError('validation_failed', undefined, [
      { field: 'body.regionId', message: ctx.lang === 'ru' ? 'Нет такого региона' : 'No such region' },
    ]);

  let ownerId: number | null;
  if (role === 'manager') {
    if (input.ownerId != null && input.ownerId !== userId) {
      throw forbidden({ ru: 'Менеджер загружает клиентов только на себя', en: 'A manager imports clients for himself only' });
    }
    ownerId = userId;
  } else {
    ownerId = input.ownerId ?? null;
    if (ownerId !== null && !(await isManagerOfRegion(ctx.db, ownerId, input.regionId))) {
      throw new AppError('validation_failed', undefined, [
        {
          field: 'body.ownerId',
          message:
            ctx.lang === 'ru'
              ? 'Ответственный должен быть активным менеджером этого региона'
              : 'The owner must be an active manager of this region',
        },
      ]);
    }
  }
  const [row] = await ctx.db
    .insert(imports)
    .values({
      userId,
      fileName: input.fileName,
      regionId: input.regionId,
      ownerId,
      mapping: input.mapping,
      totalRows: input.totalRows,
      state: 'open',
      createdAt: ctx.now,
    })
    .returning({ id: imports.id });
  return { id: row!.id };
}
