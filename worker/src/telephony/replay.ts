import type { ReplayResult, StoredPayload } from '../platform/replay';
import type { ServiceContext } from '../platform/route';
import { applyTelephonyPayload } from './ingest';
import { providerList } from './providers';

/**
 * A kept telephony payload re-run through its adapter and the core (the inbox replay of the
 * sync-health page), as the PBX machine it came from: the hook it came to tells the reader what it is.
 */
export async function replayTelephonyPayload(ctx: ServiceContext, stored: StoredPayload): Promise<ReplayResult> {
  const adapter = providerList.find((p) => p.id === stored.source);
  if (!adapter) return { outcome: 'rejected', reason: `неизвестная АТС: ${stored.source}` };
  const kind = adapter.hooks.find((h) => h.path === stored.path)?.kind ?? 'event';
  const machine: ServiceContext = { ...ctx, principal: { kind: 'machine', integration: adapter.id } };
  const applied = await applyTelephonyPayload(machine, adapter, kind, {
    method: 'POST',
    path: stored.path,
    headers: new Headers(stored.headers),
    body: stored.body,
  });
  if (applied.outcome === 'rejected') return { outcome: 'rejected', reason: applied.reason };
  return { outcome: applied.outcome, ...(applied.note ? { reason: applied.note } : {}) };
}
