import { sql } from 'drizzle-orm';
import type { Db } from './db';

const DAY_MS = 24 * 3600_000;

/** How long the inbox keeps a payload (docs/webhooks.md «Retention»). */
export const INBOX_RETENTION = {
  /** Stored and duplicate payloads: what they became is in the tables; the raw payload is for inquiries. */
  processedDays: 30,
  /** Rejected payloads wait for an admin's «Повторить» or an answer to the sender. */
  rejectedDays: 90,
  /** Daily counts of refused requests. */
  refusalCountDays: 90,
  /** Request ids only matter within the ±5-minute window of their timestamp. */
  requestIdDays: 1,
  /** The bytes of bodies and headers the inbox may hold; over it the oldest rows go first, processed before rejected. */
  budgetBytes: 256 * 1024 * 1024,
} as const;

/** Rows deleted per statement, so one run stays within a Worker's limits however far behind it is. */
const CHUNK = 1000;
const MAX_CHUNKS = 20;

async function deleteChunks(db: Db, where: ReturnType<typeof sql>): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < MAX_CHUNKS; i++) {
    const result = await db.run(sql`DELETE FROM inbox WHERE id IN (SELECT id FROM inbox WHERE ${where} ORDER BY id LIMIT ${CHUNK})`);
    const changes = result.meta.changes ?? 0;
    deleted += changes;
    if (changes < CHUNK) break;
  }
  return deleted;
}

async function inboxBytes(db: Db): Promise<number> {
  const row = await db.get<{ n: number | null }>(
    sql`SELECT sum(length(CAST(body AS BLOB)) + length(CAST(headers AS BLOB))) AS n FROM inbox`,
  );
  return row?.n ?? 0;
}

/**
 * The inbox's retention (run by the cron): processed rows older than 30 days and rejected ones
 * older than 90 go, then, while the inbox is over its size budget, the oldest rows — processed
 * ones first. Old refusal counts and spent request ids go too. Answers what was deleted.
 */
export async function pruneInbox(db: Db, now: number, limits = INBOX_RETENTION) {
  const processed = await deleteChunks(db, sql`outcome != 'rejected' AND received_at < ${now - limits.processedDays * DAY_MS}`);
  const rejected = await deleteChunks(db, sql`outcome = 'rejected' AND received_at < ${now - limits.rejectedDays * DAY_MS}`);
  let overBudget = 0;
  for (let i = 0; i < MAX_CHUNKS && (await inboxBytes(db)) > limits.budgetBytes; i++) {
    const oldest = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM inbox WHERE outcome != 'rejected'`);
    const where = (oldest?.n ?? 0) > 0 ? sql`outcome != 'rejected'` : sql`1 = 1`;
    const result = await db.run(
      sql`DELETE FROM inbox WHERE id IN (SELECT id FROM inbox WHERE ${where} ORDER BY received_at, id LIMIT ${CHUNK / 10})`,
    );
    overBudget += result.meta.changes ?? 0;
    if (!result.meta.changes) break;
  }
  const day = new Date(now - limits.refusalCountDays * DAY_MS).toISOString().slice(0, 10);
  await db.batch([
    db.run(sql`DELETE FROM inbox_refusals WHERE day < ${day}`),
    db.run(sql`DELETE FROM hook_request_ids WHERE received_at < ${now - limits.requestIdDays * DAY_MS}`),
  ]);
  return { processed, rejected, overBudget };
}
