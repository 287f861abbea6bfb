import { sql } from 'drizzle-orm';
import { requireRole } from '../access';
import { AppError, notFound } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { replayerFor } from './replayers';
import { inboxInsert, REUSED_ID_PREFIX } from '../platform/inbox';
import { OLDER_VERSION_PREFIX } from '../onec';
import { auditInsert } from '../audit';

/**
 * Re-runs one rejected payload through its integration's pipeline. The original row stays (what
 * was received, and why it was refused) and is marked replayed; the replay's outcome is a new row.
 */
export async function replayInbox({ ctx, input }: { ctx: ServiceContext; input: { id: number } }) {
  requireRole(ctx.principal, 'admin');
  const row = await ctx.db.get<
    | {
        id: number;
        source: string;
        external_id: string | null;
        path: string;
        headers: string;
        body: string;
        outcome: string;
        reason: string | null;
        replayed_at: number | null;
        body_truncated: number;
      }
    | undefined
  >(sql`
    SELECT id, source, external_id, path, headers, body, outcome, reason, replayed_at, body_truncated FROM inbox WHERE id = ${input.id}`);
  if (!row) throw notFound();
  if (row.outcome !== 'rejected' || row.replayed_at !== null) {
    throw new AppError('conflict', {
      ru: 'Повторить можно только отклонённое и ещё не повторённое',
      en: 'Only a rejected payload not yet replayed can be replayed',
    });
  }
  if (row.reason?.startsWith('unauthorized')) {
    throw new AppError('conflict', {
      ru: 'Подпись не была принята: такой запрос не повторяют, его надо прислать заново',
      en: 'Refused for its signature: it must be sent again, not replayed',
    });
  }
  if (row.body_truncated) {
    throw new AppError('conflict', {
      ru: 'Хранится только начало этого запроса (он не был принят до проверки): повторить его нельзя',
      en: 'Only the beginning of this request is kept (it was refused before it was trusted): it cannot be replayed',
    });
  }
  if (row.reason?.startsWith(REUSED_ID_PREFIX) || row.reason?.startsWith(OLDER_VERSION_PREFIX)) {
    throw new AppError('conflict', {
      ru: 'Это повтор уже полученного или более старая версия: применять его нельзя',
      en: 'This is a replay of a request already received, or an older version: it must not be applied',
    });
  }
  const replayer = replayerFor(row.source);
  if (!replayer)
    throw new AppError('conflict', {
      ru: `Для источника «${row.source}» повтор не поддерживается`,
      en: `Replay is not supported for "${row.source}"`,
    });
  const result = await replayer(ctx, {
    id: row.id,
    source: row.source,
    path: row.path,
    headers: JSON.parse(row.headers) as Record<string, string>,
    body: row.body,
  });
  await ctx.db.batch([
    ctx.db.run(sql`UPDATE inbox SET replayed_at = ${ctx.now} WHERE id = ${row.id}`),
    inboxInsert(
      ctx.db,
      {
        source: row.source,
        externalId: row.external_id,
        method: 'REPLAY',
        path: row.path,
        headers: new Headers({ 'x-replay-of': String(row.id) }),
        body: row.body,
        outcome: result.outcome,
        reason: result.reason ?? `replay of #${row.id}`,
      },
      ctx.now,
    ),
    auditInsert(ctx, { action: 'change', entity: 'inbox', entityId: row.id, details: { op: 'replay', outcome: result.outcome } }),
  ]);
  return { id: row.id, ...result };
}
