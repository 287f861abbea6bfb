import { sql } from 'drizzle-orm';
import type { Db } from '../platform/db';
import type { OnecRead } from './read';

/**
 * 1C's DataVersion is opaque (no order can be read from it), so "older" is told two ways:
 * a version already applied and since replaced (`onec_versions` keeps every applied one), or a
 * version carried by a push signed before the push of the version stored now. Either is refused:
 * a replayed or late push never rolls a name, ИНН/КПП or a document back.
 */
export const OLDER_VERSION_PREFIX = 'более старая версия объекта';

interface VersionRow {
  k: 'current' | 'seen';
  ref: string;
  version: string;
  sent_at: number | null;
}

export interface KnownVersions {
  current: Map<string, string>;
  seen: Map<string, Map<string, number>>;
}

export async function knownVersions(db: Db, refs: string[]): Promise<KnownVersions> {
  const known: KnownVersions = { current: new Map(), seen: new Map() };
  if (!refs.length) return known;
  const list = JSON.stringify([...new Set(refs)]);
  const rows = await db.all<VersionRow>(sql`
    SELECT 'current' AS k, onec_ref AS ref, onec_version AS version, NULL AS sent_at FROM companies
      WHERE onec_ref IN (SELECT value FROM json_each(${list})) AND onec_version IS NOT NULL
    UNION ALL SELECT 'current', ref_key, data_version, NULL FROM onec_documents WHERE ref_key IN (SELECT value FROM json_each(${list}))
    UNION ALL SELECT 'seen', ref_key, data_version, sent_at FROM onec_versions WHERE ref_key IN (SELECT value FROM json_each(${list}))`);
  for (const r of rows) {
    if (r.k === 'current') known.current.set(r.ref, r.version);
    else known.seen.set(r.ref, new Map([...(known.seen.get(r.ref) ?? []), [r.version, r.sent_at ?? 0]]));
  }
  return known;
}

const at = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** Why this object is older than what is stored, or null when it may be applied. */
export function olderVersionReason(known: KnownVersions, refKey: string, dataVersion: string, sentAt: number): string | null {
  const current = known.current.get(refKey);
  if (current === dataVersion) return null; // the same version: the engine answers duplicate
  const seen = known.seen.get(refKey);
  if (current !== undefined && seen?.has(dataVersion)) {
    return `${OLDER_VERSION_PREFIX}: DataVersion ${dataVersion} уже применялась и заменена на ${current}`;
  }
  const latest = Math.max(0, ...(seen?.values() ?? []));
  if (latest > sentAt) {
    return `${OLDER_VERSION_PREFIX}: отправлена ${at(sentAt)}, раньше уже применённой (отправлена ${at(latest)})`;
  }
  return null;
}

/**
 * The rows to keep for versions just applied: the new one with its push's signed time, and the one
 * it replaced (time 0: its push is unknown, e.g. it came by the pull), so that one is "seen" too.
 */
export function versionInserts(
  db: Db,
  known: KnownVersions,
  applied: { refKey: string; dataVersion: string }[],
  sentAt: number,
  now: number,
) {
  return applied.flatMap(({ refKey, dataVersion }) => {
    const replaced = known.current.get(refKey);
    return [
      db.run(sql`INSERT INTO onec_versions (ref_key, data_version, sent_at, received_at) VALUES (${refKey}, ${dataVersion}, ${sentAt}, ${now})
        ON CONFLICT (ref_key, data_version) DO UPDATE SET sent_at = max(sent_at, excluded.sent_at)`),
      ...(replaced !== undefined && replaced !== dataVersion
        ? [
            db.run(sql`INSERT INTO onec_versions (ref_key, data_version, sent_at, received_at) VALUES (${refKey}, ${replaced}, 0, ${now})
        ON CONFLICT (ref_key, data_version) DO NOTHING`),
          ]
        : []),
    ];
  });
}

export const readableRefs = (reads: OnecRead[]) => reads.flatMap((r) => (r.ok ? [r.object.value.refKey] : []));
