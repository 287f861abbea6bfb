import type { Db } from '../platform/db';
import type { OnecODataSettings } from '../platform/config';
import { metadataFromXml } from './metadata';
import { fetchMetadata } from './odata-client';
import { CRON_KEY, EMPTY_RUN, readState, type RunRecord } from './sync-state';

export type OnecODataCheck =
  | { ok: true; url: string; entityTypes: number; release: '11.4' | '11.5' | null }
  | { ok: false; url: string; reason: string };

/**
 * The admin's «Проверить» for the 1C pull: reads `$metadata` of the standard interface as the pull
 * would (same URL, user and timeout) and says how many of the objects the pull reads 1C publishes.
 * Nothing is cached or written: the pull keeps reading its own copy.
 */
export async function checkOnecOData(settings: OnecODataSettings, now: number): Promise<OnecODataCheck> {
  const url = `${settings.url.replace(/\/+$/, '')}/$metadata`;
  try {
    const { xml } = await fetchMetadata(settings);
    const metadata = metadataFromXml(xml, now);
    return { ok: true, url, entityTypes: Object.keys(metadata.types).length, release: metadata.release };
  } catch (err) {
    return { ok: false, url, reason: (err instanceof Error ? err.message : String(err)).slice(0, 500) };
  }
}

/** The 1C cron's last run (pull and outbox together): when it ran, last succeeded, and its last error. */
export function lastOnecRun(db: Db): Promise<RunRecord> {
  return readState<RunRecord>(db, CRON_KEY, EMPTY_RUN);
}
