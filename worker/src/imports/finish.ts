import { eq } from 'drizzle-orm';
import { imports } from '../../../schema/db';
import type { ImportView } from '../../../schema/contracts';
import { requireWriter } from '../access';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { findOwnImport } from './find-own';
import { countImportRows, describeImport } from './get';

/**
 * Closes an import. Only once every row of the file has its outcome stored: an import cannot be
 * "done" with rows that silently went nowhere. Finishing twice is harmless.
 */
export async function finishImport({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<ImportView> {
  requireWriter(ctx.principal);
  const record = await findOwnImport(ctx, input.id);
  const tally = await countImportRows(ctx, record.id);
  if (record.state === 'done') return describeImport(record, tally);
  if (tally.committedRows < record.totalRows) {
    throw new AppError('conflict', {
      ru: `Загружено ${tally.committedRows} из ${record.totalRows} строк: отправьте оставшиеся, затем завершите импорт`,
      en: `${tally.committedRows} of ${record.totalRows} rows are in: send the rest, then finish the import`,
    });
  }
  await ctx.db.update(imports).set({ state: 'done', finishedAt: ctx.now }).where(eq(imports.id, record.id)).run();
  return describeImport({ ...record, state: 'done', finishedAt: ctx.now }, tally);
}
