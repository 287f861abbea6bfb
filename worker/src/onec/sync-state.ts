import { inArray, sql } from 'drizzle-orm';
import { syncState } from '../../../schema/db';
import type { Db } from '../platform/db';
import type { OnecEntity } from './entities';

/**
 * What the 1C integration remembers between cron runs, one JSON value per key in `sync_state`:
 * `onec:pull:<Entity>` (cursor, watermark, last run and error), `onec:outbox`, `onec:cron`.
 */
export interface RunRecord {
  lastRunAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

export interface PullState extends RunRecord {
  /** Documents: the latest Date applied (1C local time). Catalogs: null. */
  watermark: string | null;
  /** Where the next page starts: documents `Date ge cursorDate` + `$skip` of that same Date; catalogs `$skip`. */
  cursorDate: string | null;
  cursorSkip: number;
  /** The last page came back short: the next run starts a new pass (documents: from the watermark minus the overlap). */
  caughtUp: boolean;
  /** Catalogs: completed passes over the whole set. */
  passes: number;
}

export const pullKey = (entity: OnecEntity) => `onec:pull:${entity}`;
export const OUTBOX_KEY = 'onec:outbox';
export const CRON_KEY = 'onec:cron';

export const EMPTY_RUN: RunRecord = { lastRunAt: null, lastSuccessAt: null, lastError: null, lastErrorAt: null };

export function emptyPullState(since: string | null): PullState {
  return { ...EMPTY_RUN, watermark: null, cursorDate: since, cursorSkip: 0, caughtUp: false, passes: 0 };
}

export async function readStates(db: Db, keys: string[]): Promise<Map<string, Record<string, unknown>>> {
  const rows = await db.select().from(syncState).where(inArray(syncState.key, keys)).all();
  return new Map(rows.map((r) => [r.key, JSON.parse(r.value) as Record<string, unknown>]));
}

export async function readState<T extends object>(db: Db, key: string, fallback: T): Promise<T> {
  const found = (await readStates(db, [key])).get(key);
  return { ...fallback, ...(found as Partial<T> | undefined) };
}

/** The upsert, to run alone or inside the batch whose work it records. */
export function writeState(db: Db, key: string, value: object, now: number) {
  return db
    .insert(syncState)
    .values({ key, value: JSON.stringify(value), updatedAt: now })
    .onConflictDoUpdate({ target: syncState.key, set: { value: sql`excluded.value`, updatedAt: sql`excluded.updated_at` } });
}

/** A run that failed: kept as the key's last error (read-modify-write; only the cron writes these keys). */
export async function recordFailure(db: Db, key: string, error: unknown, now: number): Promise<void> {
  const current = await readState<Record<string, unknown>>(db, key, { ...EMPTY_RUN });
  await writeState(db, key, { ...current, lastRunAt: now, lastError: errorMessage(error), lastErrorAt: now }, now);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
