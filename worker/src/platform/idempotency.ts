import { sql } from 'drizzle-orm';
import type { Db } from './db';
import { sha256Hex } from './crypto';
import { AppError } from './errors';

/**
 * `Idempotency-Key` for writes a client may repeat (the extension's offline queue): the first
 * answer per (user, key) is stored and replayed for a repeat, so a retry after a lost answer
 * changes nothing. A repeat while the first is still running, or with another request under the
 * same key, is refused with 409 rather than guessed at.
 */

/** Printable ASCII without spaces, as the IETF draft's examples (UUIDs) are. */
const KEY_PATTERN = /^[\x21-\x7e]{8,100}$/;
/** A first request that never finished (the isolate died) stops blocking its key after this. */
export const IN_FLIGHT_TIMEOUT_MS = 60_000;
/** Keys are remembered for a week: the extension retries for far less. */
export const KEY_RETENTION_MS = 7 * 24 * 3600_000;

export type Claim = { kind: 'first'; id: number } | { kind: 'replay'; status: number; body: string };

export function readIdempotencyKey(headers: Headers): string | null {
  const raw = headers.get('idempotency-key');
  if (raw === null) return null;
  const key = raw.trim();
  if (!KEY_PATTERN.test(key)) {
    throw new AppError('bad_request', {
      ru: 'Заголовок Idempotency-Key: 8–100 печатных символов без пробелов',
      en: 'Idempotency-Key header: 8–100 printable characters without spaces',
    });
  }
  return key;
}

export function requestFingerprint(method: string, path: string, body: string): Promise<string> {
  return sha256Hex(`${method.toUpperCase()} ${path}\n${body}`);
}

/** Takes the key for this request, or says what was answered to it before; throws 409 when it cannot. */
export async function claimIdempotencyKey(db: Db, args: { userId: number; key: string; requestHash: string; now: number }): Promise<Claim> {
  const { userId, key, requestHash, now } = args;
  const [, inserted] = await db.batch([
    db.run(
      sql`DELETE FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key} AND status IS NULL AND created_at < ${now - IN_FLIGHT_TIMEOUT_MS}`,
    ),
    db.all<{
      id: number;
    }>(sql`INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES (${userId}, ${key}, ${requestHash}, ${now})
      ON CONFLICT (user_id, key) DO NOTHING RETURNING id`),
  ]);
  const row = (inserted as { id: number }[])[0];
  if (row) return { kind: 'first', id: row.id };
  const existing = await db.get<{ request_hash: string; status: number | null; response_body: string | null } | undefined>(
    sql`SELECT request_hash, status, response_body FROM idempotency_keys WHERE user_id = ${userId} AND key = ${key}`,
  );
  if (!existing) return claimIdempotencyKey(db, args); // released between the two statements
  if (existing.request_hash !== requestHash) {
    throw new AppError(
      'conflict',
      {
        ru: 'Этот Idempotency-Key уже использован для другого запроса: для нового действия нужен новый ключ',
        en: 'This Idempotency-Key was already used for a different request: a new action needs a new key',
      },
      undefined,
      { reason: 'idempotency_key_reused' },
    );
  }
  if (existing.status === null) {
    throw new AppError(
      'conflict',
      {
        ru: 'Запрос с этим Idempotency-Key ещё выполняется: повторите чуть позже',
        en: 'A request with this Idempotency-Key is still in progress: retry shortly',
      },
      undefined,
      { reason: 'idempotency_in_flight' },
    );
  }
  return { kind: 'replay', status: existing.status, body: existing.response_body ?? '' };
}

/** Keeps the answer for repeats; old keys of the same user are swept in the same batch. */
export async function completeIdempotencyKey(
  db: Db,
  args: { id: number; userId: number; status: number; body: string; now: number },
): Promise<void> {
  await db.batch([
    db.run(
      sql`UPDATE idempotency_keys SET status = ${args.status}, response_body = ${args.body}, completed_at = ${args.now} WHERE id = ${args.id}`,
    ),
    db.run(sql`DELETE FROM idempotency_keys WHERE user_id = ${args.userId} AND created_at < ${args.now - KEY_RETENTION_MS}`),
  ]);
}

/** The request failed before answering (an error, nothing written): the key is free for the retry. */
export async function releaseIdempotencyKey(db: Db, id: number): Promise<void> {
  await db.run(sql`DELETE FROM idempotency_keys WHERE id = ${id} AND status IS NULL`);
}
