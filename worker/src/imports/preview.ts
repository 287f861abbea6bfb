import type { ImportRow, PreviewRowResult } from '../../../schema/contracts';
import { requireWriter } from '../access';
import type { ServiceContext } from '../platform/route';
import { classifyRows } from './classify-rows';
import { findOwnImport } from './find-own';

/** What a chunk would become, without writing anything; a row that would be merged shows as a duplicate. */
export async function previewImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; rows: ImportRow[] };
}): Promise<{ rows: PreviewRowResult[] }> {
  requireWriter(ctx.principal);
  const importRecord = await findOwnImport(ctx, input.id);
  const plans = await classifyRows({ ctx, importRecord, rows: input.rows });
  return { rows: plans.map(({ result }) => ({ ...result, outcome: result.outcome === 'merged' ? 'duplicate' : result.outcome })) };
}
