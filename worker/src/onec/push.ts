import type { OnecPushBody, OnecPushResult } from '../../../schema/contracts';
import { AppError, unauthorized } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { entityNameOf } from './entities';
import { applyReads, objectInboxInserts, type ObjectOutcome } from './ingest';
import { readOnecObject } from './read';
import { errorMessage } from './sync-state';

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
  input: { batch: OnecPushBody; headers: Headers; path: string };
}): Promise<OnecPushResult> {
  if (ctx.principal.kind !== 'machine') throw unauthorized();
  const { items, batchEntity } = itemsOf(input.batch);
  const reads = items.map((item) => readOnecObject(item, batchEntity));
  let outcomes: ObjectOutcome[];
  let failure: unknown = null;
  try {
    outcomes = await applyReads(ctx, reads);
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
  const [first, ...rest] = inserts;
  if (first) await ctx.db.batch([first, ...rest]);
  if (failure) {
    throw new AppError('unavailable', {
      ru: 'Объекты не применены из-за внутренней ошибки; отправьте пакет ещё раз позже',
      en: 'The objects were not applied because of an internal error; send the batch again later',
    });
  }
  return { results: outcomes.map((o) => ({ refKey: o.refKey, outcome: o.outcome, ...(o.reason ? { reason: o.reason } : {}) })) };
}
