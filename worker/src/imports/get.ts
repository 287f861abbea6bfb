import { eq, sql } from 'drizzle-orm';
import { importRows } from '../../../schema/db';
import type { ImportCounts, ImportView } from '../../../schema/contracts';
import type { ServiceContext } from '../platform/route';
import { findOwnImport, type ImportRecord } from './find-own';

/** Outcome counts of the rows stored so far (index import_rows_outcome_idx). */
export async function countImportRows(ctx: ServiceContext, importId: number): Promise<{ counts: ImportCounts; committedRows: number }> {
  const rows = await ctx.db
    .select({ outcome: importRows.outcome, n: sql<number>`count(*)` })
    .from(importRows)
    .where(eq(importRows.importId, importId))
    .groupBy(importRows.outcome)
    .all();
  const counts: ImportCounts = { new: 0, merged: 0, duplicate: 0, other_owner: 0, invalid: 0 };
  for (const r of rows) counts[r.outcome] = r.n;
  return { counts, committedRows: rows.reduce((sum, r) => sum + r.n, 0) };
}

export function describeImport(record: ImportRecord, tally: { counts: ImportCounts; committedRows: number }): ImportView {
  const { id, fileName, regionId, ownerId, totalRows, state } = record;
  return { id, fileName, regionId, ownerId, totalRows, state, ...tally };
}

/** The caller's import with how many rows became what. */
export async function getImport({ ctx, input }: { ctx: ServiceContext; input: { id: number } }): Promise<ImportView> {
  const record = await findOwnImport(ctx, input.id);
  return describeImport(record, await countImportRows(ctx, record.id));
}
