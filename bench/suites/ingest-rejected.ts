import Database from 'better-sqlite3';
import { localD1File } from '../../scripts/lib/local-d1';
import { round, type Metric } from '../lib/measure';
import type { BenchContext } from '../run';

/** Unsigned requests of the flood (issue 15: 30 × 990 KB to the generic hook were +30 MB kept forever). */
const REQUESTS = Number(process.env.BENCH_REJECTED_REQUESTS || 30);
const BODY_BYTES = 990_000;

/** Bytes of bodies and headers the inbox holds for rows after `afterId`. */
function keptBytes(file: string, afterId: number): { rows: number; bytes: number } {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('SELECT count(*) AS rows, coalesce(sum(length(CAST(body AS BLOB)) + length(headers)), 0) AS bytes FROM inbox WHERE id > ?')
      .get(afterId) as { rows: number; bytes: number };
  } finally {
    db.close();
  }
}

/**
 * `ingest.rejected_bytes_kept_per_request`: what an anonymous flood leaves in D1. REQUESTS unsigned
 * bodies of 990 KB to the generic PBX hook (all 401); the inbox rows they add, bodies and headers,
 * divided by the number of requests. A refused request keeps size, hash, its first 4 KB and the reason.
 */
export async function run({ server, yearDir }: BenchContext): Promise<Metric[]> {
  const file = localD1File(yearDir);
  const db = new Database(file, { readonly: true });
  const lastId = (db.prepare('SELECT coalesce(max(id), 0) AS id FROM inbox').get() as { id: number }).id;
  db.close();
  const statuses = new Map<number, number>();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: REQUESTS }, async (_, i) => {
      const head = `{"type":"call.ringing","callId":"bench-flood-${i}","from":"+74951234567","to":"101","pad":"`;
      const body = `${head}${'x'.repeat(BODY_BYTES - head.length - 2)}"}`;
      const res = await fetch(`${server.base}/hooks/telephony/generic`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      await res.arrayBuffer();
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const kept = keptBytes(file, lastId);
  console.log(
    `  ${REQUESTS} × ${BODY_BYTES} B unsigned in ${round(seconds, 1)} s: statuses ${JSON.stringify(Object.fromEntries(statuses))}, ` +
      `${kept.rows} inbox rows, ${kept.bytes} B kept`,
  );
  if ((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0) !== REQUESTS) throw new Error('the unsigned flood was not refused');
  return [{ metric: 'ingest.rejected_bytes_kept_per_request', value: round(kept.bytes / REQUESTS / 1024, 2), unit: 'KB', target: '<= 8' }];
}
