import type { OnecObject, OnecOutcome } from '../../../schema/contracts';
import type { ServiceContext } from '../lib/route';

/**
 * The funnel's entry for 1C: counterparties are matched (Ref_Key, then ИНН+КПП) or created,
 * documents are stored by Ref_Key + DataVersion and move their lead. Objects are applied in the
 * order given, each in its own D1 batch; the caller keeps the inbox.
 * (Being implemented by the funnel engine; the adapter may call it already.)
 */
export async function applyOnecObjects({ ctx, input }: { ctx: ServiceContext; input: { objects: OnecObject[] } }): Promise<OnecOutcome[]> {
  void ctx;
  return input.objects.map((o) => ({ refKey: o.value.refKey, dataVersion: o.value.dataVersion, outcome: 'rejected' as const, reason: 'funnel engine not wired yet' }));
}
