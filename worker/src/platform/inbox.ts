import { sql } from 'drizzle-orm';
import { inbox, inboxOutcomes, type inboxRefusalKinds } from '../../../schema/db';
import type { Db } from './db';
import { toHex } from './crypto';

export interface InboxEntry {
  source: string;
  externalId?: string | null;
  method: string;
  path: string;
  headers: Headers;
  body: string;
  outcome: (typeof inboxOutcomes)[number];
  reason?: string | null;
  /** Size of what was received, in bytes (the UTF-8 length of `body` when not told). */
  bytes?: number;
  /** SHA-256 (hex) of the raw bytes received. */
  sha256?: string | null;
  /** `body` is only the first INBOX_EXCERPT_BYTES of what was received. */
  truncated?: boolean;
}

/** The reason of a signed request refused because its id was seen before: it must not be re-applied either. */
export const REUSED_ID_PREFIX = 'replay:';

/** What a refused request may leave of its body: enough to see what it was, never the whole of a flood. */
export const INBOX_EXCERPT_BYTES = 4096;

/** Credentials that would let someone act as the sender or as us. */
const DROPPED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie']);
/**
 * Signatures: with the body they are exactly what a replay needs, so the inbox keeps only that one
 * was present (the value is replaced), never the value itself.
 */
const SIGNATURE_HEADERS = new Set(['x-signature', 'webhook-signature', 'signature', 'x-hub-signature', 'x-hub-signature-256']);
export const SIGNATURE_KEPT_AS = '(present, not kept)';

/** The headers as stored: credentials dropped, signatures noted but not kept. */
export function storedHeaders(headers: Headers): Record<string, string> {
  const kept: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (!DROPPED_HEADERS.has(key)) kept[key] = SIGNATURE_HEADERS.has(key) ? SIGNATURE_KEPT_AS : value;
  });
  return kept;
}

const encoder = new TextEncoder();

/** The insert for one raw payload, to run alone or inside the batch that stores what it became. */
export function inboxInsert(db: Db, entry: InboxEntry, now: number) {
  return db.insert(inbox).values({
    source: entry.source,
    externalId: entry.externalId ?? null,
    receivedAt: now,
    method: entry.method,
    path: entry.path,
    headers: storedHeaders(entry.headers),
    body: entry.body,
    outcome: entry.outcome,
    reason: entry.reason ?? null,
    bodyBytes: entry.bytes ?? encoder.encode(entry.body).length,
    bodySha256: entry.sha256 ?? null,
    bodyTruncated: entry.truncated ?? false,
  });
}

export async function recordInbox({ db, now, entry }: { db: Db; now: number; entry: InboxEntry }): Promise<number> {
  const row = await inboxInsert(db, entry, now).returning({ id: inbox.id }).get();
  return row.id;
}

export type RefusalKind = (typeof inboxRefusalKinds)[number];

/** Counts one refused request of a source (per UTC day and kind): one row a day, however many come. */
export function countRefusal(db: Db, args: { source: string; kind: RefusalKind; bytes: number; now: number }) {
  const day = new Date(args.now).toISOString().slice(0, 10);
  return db.run(sql`INSERT INTO inbox_refusals (source, day, kind, count, bytes) VALUES (${args.source}, ${day}, ${args.kind}, 1, ${args.bytes})
    ON CONFLICT (source, day, kind) DO UPDATE SET count = count + 1, bytes = bytes + excluded.bytes`);
}

export async function sha256OfBytes(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

/**
 * What is kept of a request refused before it was trusted (a signature refused, over the size
 * limit): its size, the SHA-256 of what was read, its first 4 KB and the reason — and a count.
 * Both statements run in one batch.
 */
export async function recordRefused(
  db: Db,
  args: {
    now: number;
    kind: RefusalKind;
    entry: Omit<InboxEntry, 'body' | 'outcome' | 'truncated' | 'sha256' | 'bytes'>;
    /** The bytes read (all of them, or up to where reading stopped). */
    bytes: Uint8Array;
    /** The size received, when more than was read (a declared Content-Length, or "over the limit"). */
    size?: number;
  },
): Promise<void> {
  const excerpt = args.bytes.subarray(0, INBOX_EXCERPT_BYTES);
  const size = args.size ?? args.bytes.length;
  await db.batch([
    inboxInsert(
      db,
      {
        ...args.entry,
        body: new TextDecoder().decode(excerpt),
        outcome: 'rejected',
        bytes: size,
        sha256: await sha256OfBytes(args.bytes),
        truncated: excerpt.length < size,
      },
      args.now,
    ),
    countRefusal(db, { source: args.entry.source, kind: args.kind, bytes: size, now: args.now }),
  ]);
}
