import { sql } from 'drizzle-orm';
import type { OnecOutcome } from '../../../schema/contracts';
import { applyOnecObjects } from '../funnel';
import type { Db } from '../platform/db';
import type { ServiceContext } from '../platform/route';
import { inboxInsert } from '../platform/inbox';
import type { OnecRead } from './read';

/** What became of one received object, unreadable ones included. */
export interface ObjectOutcome {
  refKey: string | null;
  dataVersion: string | null;
  outcome: OnecOutcome['outcome'];
  reason?: string;
}

const versionKey = (refKey: string | null, dataVersion: string | null) => `${refKey ?? ''}:${dataVersion ?? ''}`;

/** Why a counterparty 1C sends already marked for deletion, and Voronka never had, is not applied. */
export const DELETED_UNSEEN_REASON = 'контрагент помечен в 1С на удаление, а в Воронке его нет — клиентом не создан';

/**
 * Counterparties that arrive marked for deletion and that Voronka has never linked (no company
 * with their Ref_Key): 1C's own bin, not a client — the engine would create an active one.
 */
async function deletedUnseen(ctx: ServiceContext, reads: OnecRead[]): Promise<Set<string>> {
  const marked = reads.flatMap((r) =>
    r.ok && r.object.type === 'counterparty' && r.object.value.deletionMark ? [r.object.value.refKey] : [],
  );
  if (!marked.length) return new Set();
  const seen = await ctx.db.all<{ ref: string }>(
    sql`SELECT onec_ref AS ref FROM companies WHERE onec_ref IN (SELECT value FROM json_each(${JSON.stringify(marked)}))`,
  );
  const known = new Set(seen.map((r) => r.ref));
  return new Set(marked.filter((ref) => !known.has(ref)));
}

/**
 * Hands the readable objects to the funnel engine and answers an outcome per read, in the order
 * of `reads` (the engine may apply them in another order, so outcomes are matched by Ref_Key +
 * DataVersion). Push and pull both come through here.
 */
export async function applyReads(ctx: ServiceContext, reads: OnecRead[]): Promise<ObjectOutcome[]> {
  const unseen = await deletedUnseen(ctx, reads);
  const skipped = (r: OnecRead) => r.ok && r.object.type === 'counterparty' && unseen.has(r.object.value.refKey);
  const objects = reads.flatMap((r) => (r.ok && !skipped(r) ? [r.object] : []));
  const outcomes = objects.length ? await applyOnecObjects({ ctx, input: { objects } }) : [];
  const byVersion = new Map<string, OnecOutcome[]>();
  for (const o of outcomes) {
    const key = versionKey(o.refKey, o.dataVersion);
    byVersion.set(key, [...(byVersion.get(key) ?? []), o]);
  }
  return reads.map((r): ObjectOutcome => {
    if (!r.ok) return { refKey: r.refKey, dataVersion: r.dataVersion, outcome: 'rejected', reason: r.reason };
    const { refKey, dataVersion } = r.object.value;
    if (skipped(r)) return { refKey, dataVersion, outcome: 'rejected', reason: DELETED_UNSEEN_REASON };
    const found = byVersion.get(versionKey(refKey, dataVersion))?.shift();
    if (!found) return { refKey, dataVersion, outcome: 'rejected', reason: 'движок воронки не вернул результат для объекта' };
    return { refKey, dataVersion, outcome: found.outcome, ...(found.reason ? { reason: found.reason } : {}) };
  });
}

/** The inbox key of an object version: `<Ref_Key>:<DataVersion>`. */
export function inboxExternalId(o: Pick<ObjectOutcome, 'refKey' | 'dataVersion'>): string | null {
  return o.refKey ? versionKey(o.refKey, o.dataVersion) : null;
}

/** The same key for what was read, readable or not (an unreadable object may still name its Ref_Key). */
export function readExternalId(read: OnecRead): string | null {
  return inboxExternalId(read.ok ? read.object.value : read);
}

export interface ReceivedObject {
  /** The object's own JSON as received. */
  body: string;
  method: string;
  /** The hook's path, or the OData URL it was pulled from. */
  path: string;
  headers: Headers;
  outcome: ObjectOutcome;
}

/** One inbox row per object (source 'onec'), for the caller's batch. */
export function objectInboxInserts(db: Db, now: number, received: ReceivedObject[]) {
  return received.map((r) =>
    inboxInsert(
      db,
      {
        source: 'onec',
        externalId: inboxExternalId(r.outcome),
        method: r.method,
        path: r.path,
        headers: r.headers,
        body: r.body,
        outcome: r.outcome.outcome,
        reason: r.outcome.reason ?? null,
      },
      now,
    ),
  );
}
