import type { ServiceContext } from './route';

export interface ReplayResult {
  outcome: 'stored' | 'duplicate' | 'rejected';
  reason?: string;
}

/** One inbox row as a replayer gets it: what was received, not how it was authenticated. */
export interface StoredPayload {
  id: number;
  source: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Re-runs a kept payload through the same pipeline as when it arrived — one replayer per inbox
 * source. A payload refused for its signature is never replayed (that would bypass the check).
 */
export type Replayer = (ctx: ServiceContext, payload: StoredPayload) => Promise<ReplayResult>;
