import { sql } from 'drizzle-orm';
import type { OnecPushBody, OnecPushResult } from '../../../schema/contracts';
import { AppError, unauthorized } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { entityNameOf } from './entities';
import { applyReads, objectInboxInserts, type ObjectOutcome } from './ingest';
import { readOnecObject } from './read';
import { errorMessage } from './sync-state';
import { inboxInsert, REUSED_ID_PREFIX } from '../platform/inbox';
import { knownVersions, olderVersionReason, readableRefs, versionInserts, type KnownVersions } from './versions';

/**
 * The items of a push: a `value` collection (named for all by the batch's `odata.metadata`, if at
 * all), or one object in the single-entity shape, which names itself.
 */
function itemsOf(body: OnecPushBody): { items: unknown[]; batchEntity: string | null } {
  if ('value' in body && Array.isArray(body.value)) return { items: body.value, batchEntity: entityNameOf(body['odata.metadata']) };
  return { items: [body], batchEntity: null };
}

/**
 * A batch pushed by a 1C HTTP service: every item is read on its own, readable ones go to the
 * funnel engine, and every item gets its inbox row with what became of it. Bad items never stop
 * good ones; only a failure of our own (the engine) answers 503 so that 1C sends again.
 */
export async function receiveOnecPush({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: {
    batch: OnecPushBody;
    headers: Headers;
    path: string;
    /** The body as received, kept whole when the request is refused as a replay. */
    rawBody: string;
    /** The signed request id (null for Basic / body-only) and when the push was sent (signed, else received). */
    proof: { requestId: string | null; sentAt: number };
  };
}): Promise<OnecPushResult> {
  if (ctx.principal.kind !== 'machine') throw unauthorized();
  const { requestId, sentAt } = input.proof;
  if (requestId !== null) await refuseReusedId(ctx, { ...input, requestId });
  const { items, batchEntity } = itemsOf(input.batch);
  const reads = items.map((item) => readOnecObject(item, batchEntity));
  let known: KnownVersions = { current: new Map(), seen: new Map() };
  let outcomes: ObjectOutcome[];
  let failure: unknown = null;
  try {
    known = await knownVersions(ctx.db, readableRefs(reads));
    // An object older than the one stored is not handed to the engine at all.
    const older = reads.map((r) => (r.ok ? olderVersionReason(known, r.object.value.refKey, r.object.value.dataVersion, sentAt) : null));
    const fresh = reads.filter((_, i) => older[i] === null);
    const applied = await applyReads(ctx, fresh);
    outcomes = reads.map((r, i): ObjectOutcome => {
      const reason = older[i];
      if (!reason || !r.ok) return applied.shift()!;
      return { refKey: r.object.value.refKey, dataVersion: r.object.value.dataVersion, outcome: 'rejected', reason };
    });
  } catch (err) {
    failure = err;
    console.error(JSON.stringify({ requestId: ctx.requestId, where: 'onec push', error: errorMessage(err), stack: (err as Error).stack }));
    outcomes = reads.map((r) =>
      r.ok
        ? {
            refKey: r.object.value.refKey,
            dataVersion: r.object.value.dataVersion,
            outcome: 'rejected',
            reason: `не применено: внутренняя ошибка (${errorMessage(err)})`,
          }
        : { refKey: r.refKey, dataVersion: r.dataVersion, outcome: 'rejected', reason: r.reason },
    );
  }
  const inserts = objectInboxInserts(
    ctx.db,
    ctx.now,
    items.map((item, i) => ({
      body: JSON.stringify(item),
      method: 'POST',
      path: input.path,
      headers: input.headers,
      outcome: outcomes[i]!,
    })),
  );
  const stored = outcomes.flatMap((o) =>
    o.outcome === 'stored' && o.refKey && o.dataVersion ? [{ refKey: o.refKey, dataVersion: o.dataVersion }] : [],
  );
  const statements = [
    ...inserts,
    ...versionInserts(ctx.db, known, stored, sentAt, ctx.now),
    // The id is spent only by a batch that was answered: after a 503 1C sends the same request again.
    ...(requestId !== null && !failure
      ? [
          ctx.db.run(sql`INSERT INTO hook_request_ids (source, request_id, signed_at, received_at) VALUES ('onec', ${requestId}, ${sentAt}, ${ctx.now})
            ON CONFLICT (source, request_id) DO NOTHING`),
        ]
      : []),
  ];
  const [first, ...rest] = statements;
  if (first) await ctx.db.batch([first, ...rest]);
  if (failure) {
    throw new AppError('unavailable', {
      ru: 'Объекты не применены из-за внутренней ошибки; отправьте пакет ещё раз позже',
      en: 'The objects were not applied because of an internal error; send the batch again later',
    });
  }
  return { results: outcomes.map((o) => ({ refKey: o.refKey, outcome: o.outcome, ...(o.reason ? { reason: o.reason } : {}) })) };
}

/**
 * A signed request id seen before is a replay (or a resend of an answered batch): nothing is
 * applied, the request is kept in the inbox and answered 409, which tells 1C the batch was received.
 */
async function refuseReusedId(ctx: ServiceContext, input: { requestId: string; headers: Headers; path: string; rawBody: string }) {
  const seen = await ctx.db.get<{ received_at: number } | undefined>(
    sql`SELECT received_at FROM hook_request_ids WHERE source = 'onec' AND request_id = ${input.requestId}`,
  );
  if (!seen) return;
  const reason = `${REUSED_ID_PREFIX} X-Request-Id ${input.requestId} was already received at ${new Date(seen.received_at).toISOString()}`;
  await inboxInsert(
    ctx.db,
    {
      source: 'onec',
      externalId: null,
      method: 'POST',
      path: input.path,
      headers: input.headers,
      body: input.rawBody,
      outcome: 'rejected',
      reason,
    },
    ctx.now,
  ).run();
  throw new AppError(
    'conflict',
    {
      ru: `Запрос с X-Request-Id ${input.requestId} уже получен: повтор не применяется`,
      en: `A request with X-Request-Id ${input.requestId} was already received: a replay is not applied`,
    },
    undefined,
    { reason: 'request_id_reused' },
  );
}
