import type { ReplayResult, StoredPayload } from '../platform/replay';
import type { ServiceContext } from '../platform/route';
import { applyReads } from './ingest';
import { readOnecObject } from './read';

/** A kept 1C push re-run through the pipeline: each inbox row holds one object exactly as 1C sent it. */
export async function replayOnecPayload(ctx: ServiceContext, payload: StoredPayload): Promise<ReplayResult> {
  let raw: unknown;
  try {
    raw = JSON.parse(payload.body);
  } catch {
    return { outcome: 'rejected', reason: 'тело не JSON' };
  }
  const [outcome] = await applyReads(ctx, [readOnecObject(raw)]);
  return { outcome: outcome!.outcome, ...(outcome!.reason ? { reason: outcome!.reason } : {}) };
}
