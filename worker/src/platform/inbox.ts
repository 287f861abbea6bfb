import { inbox, inboxOutcomes } from '../../../schema/db';
import type { Db } from './db';

export interface InboxEntry {
  source: string;
  externalId?: string | null;
  method: string;
  path: string;
  headers: Headers;
  body: string;
  outcome: (typeof inboxOutcomes)[number];
  reason?: string | null;
}

// Signatures stay (they prove what was received); credentials that would let someone replay as us do not.
const DROPPED_HEADERS = new Set(['authorization', 'cookie']);

/** The insert for one raw payload, to run alone or inside the batch that stores what it became. */
export function inboxInsert(db: Db, entry: InboxEntry, now: number) {
  const headers: Record<string, string> = {};
  entry.headers.forEach((value, key) => {
    if (!DROPPED_HEADERS.has(key)) headers[key] = value;
  });
  return db.insert(inbox).values({
    source: entry.source,
    externalId: entry.externalId ?? null,
    receivedAt: now,
    method: entry.method,
    path: entry.path,
    headers,
    body: entry.body,
    outcome: entry.outcome,
    reason: entry.reason ?? null,
  });
}

export async function recordInbox({ db, now, entry }: { db: Db; now: number; entry: InboxEntry }): Promise<number> {
  const row = await inboxInsert(db, entry, now).returning({ id: inbox.id }).get();
  return row.id;
}
