import type { ServiceContext } from '../../lib/route';
import { applyReads } from '../onec/ingest';
import { readOnecObject } from '../onec/read';

export interface ReplayResult { outcome: 'stored' | 'duplicate' | 'rejected'; reason?: string }

/** One inbox row as a replayer gets it: what was received, not how it was authenticated. */
export interface StoredPayload { id: number; source: string; path: string; headers: Record<string, string>; body: string }

/**
 * Re-runs a kept payload through the same pipeline as when it arrived — one replayer per inbox
 * source. A payload refused for its signature is never replayed (that would bypass the check).
 */
export type Replayer = (ctx: ServiceContext, payload: StoredPayload) => Promise<ReplayResult>;

const replayers = new Map<string, Replayer>();

export function registerReplayer(source: string, replayer: Replayer): void {
  replayers.set(source, replayer);
}

export function replayerFor(source: string): Replayer | undefined {
  return replayers.get(source);
}

export function replayableSources(): string[] {
  return [...replayers.keys()].sort();
}

// 1C: each inbox row holds one object exactly as 1C sent it.
registerReplayer('onec', async (ctx, payload) => {
  let raw: unknown;
  try {
    raw = JSON.parse(payload.body);
  } catch {
    return { outcome: 'rejected', reason: 'тело не JSON' };
  }
  const [outcome] = await applyReads(ctx, [readOnecObject(raw)]);
  return { outcome: outcome!.outcome, ...(outcome!.reason ? { reason: outcome!.reason } : {}) };
});
