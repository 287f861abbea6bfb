import { sql } from 'drizzle-orm';
import type { OnecODataSettings } from '../platform/config';
import type { ServiceContext } from '../platform/route';
import { COUNTERPARTY_ENTITY, DOCUMENT_FIELDS, PULL_ENTITIES, requiredFieldsFor, selectFor, type OnecEntity } from './entities';
import { DELETED_UNSEEN_REASON, applyReads, objectInboxInserts, readExternalId, type ReceivedObject } from './ingest';
import { ODataError, listEntity, odataLiteral, type ODataObject } from './odata-client';
import { dropMetadata, loadMetadata, type OnecMetadata } from './metadata';
import { readOnecObject, type OnecRead } from './read';
import { emptyPullState, errorMessage, pullKey, readState, recordFailure, writeState, type PullState } from './sync-state';

/**
 * Work per cron run stays inside the Workers limits (1,000 subrequests / D1 queries per
 * invocation): at most PAGES_PER_ENTITY OData pages per entity, and APPLY_BUDGET changed objects
 * handed to the funnel engine, shared fairly between the entities.
 */
const PAGES_PER_ENTITY = 3;
const APPLY_BUDGET = 100;
/** Documents re-read behind the watermark on each new pass: late-written or back-dated ones. */
const PULL_OVERLAP_MS = 60 * 60_000;
/** Unknown counterparties of a page are asked for by key, this many per request (URL length). */
const REFS_PER_REQUEST = 20;
/** A version refused within this window is not offered again (the same version would fail again). */
const REFUSED_MEMORY_MS = 24 * 3_600_000;

const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

interface Pulled {
  raw: ODataObject;
  read: OnecRead;
  url: string;
}

export interface EntityPullReport {
  entity: OnecEntity;
  pages: number;
  read: number;
  applied: number;
  unchanged: number;
  error?: string;
}

const EARLIEST_LOCAL = '0001-01-01T00:00:00';

/** 1C local time minus `ms`, still as 1C local time (the zone does not matter for a difference). */
export function localTimeMinus(local: string, ms: number): string {
  const shifted = Date.parse(`${local}Z`) - ms;
  return Number.isFinite(shifted) && shifted > Date.parse(`${EARLIEST_LOCAL}Z`)
    ? new Date(shifted).toISOString().slice(0, 19)
    : EARLIEST_LOCAL;
}

interface PageRequest {
  filter?: string;
  orderby: string;
  skip: number;
  from: string | null;
}

/** Documents walk by Date (keyset) with `$skip` only among objects of the same Date; catalogs by `$skip` in Ref_Key order. */
function pageRequest(entity: OnecEntity, state: PullState, since: string): PageRequest {
  if (entity === COUNTERPARTY_ENTITY) return { orderby: 'Ref_Key', skip: state.caughtUp ? 0 : state.cursorSkip, from: null };
  const rewound = localTimeMinus(state.watermark ?? since, PULL_OVERLAP_MS);
  const from = state.caughtUp ? (rewound > since ? rewound : since) : (state.cursorDate ?? since);
  return {
    filter: `${DOCUMENT_FIELDS.date} ge ${odataLiteral.datetime(from)}`,
    orderby: `${DOCUMENT_FIELDS.date},Ref_Key`,
    skip: state.caughtUp ? 0 : state.cursorSkip,
    from,
  };
}

/** The cursor just after the first `consumed` items of a page. */
function advance(
  entity: OnecEntity,
  state: PullState,
  request: PageRequest,
  items: ODataObject[],
  consumed: number,
  pageSize: number,
): PullState {
  const caughtUp = consumed === items.length && items.length < pageSize;
  if (entity === COUNTERPARTY_ENTITY) {
    return { ...state, cursorSkip: caughtUp ? 0 : request.skip + consumed, caughtUp, passes: state.passes + (caughtUp ? 1 : 0) };
  }
  let date = request.from!;
  let sameDate = request.skip;
  for (const item of items.slice(0, consumed)) {
    const d = item[DOCUMENT_FIELDS.date];
    const at = typeof d === 'string' && LOCAL_TIME.test(d) ? d : date;
    if (at === date) sameDate += 1;
    else {
      date = at;
      sameDate = 1;
    }
  }
  const watermark = state.watermark && state.watermark > date ? state.watermark : date;
  return { ...state, watermark: consumed ? watermark : state.watermark, cursorDate: date, cursorSkip: sameDate, caughtUp };
}

/** Object versions the engine already holds, or refused lately: offering them again changes nothing. */
async function knownVersions(ctx: ServiceContext, reads: OnecRead[]): Promise<Set<string>> {
  const keys = reads.flatMap((r) => readExternalId(r) ?? []);
  if (!keys.length) return new Set();
  const list = JSON.stringify(keys);
  const refs = JSON.stringify(keys.map((k) => k.slice(0, k.indexOf(':'))));
  const [applied, refused] = await ctx.db.batch([
    ctx.db.all<{
      k: string;
    }>(sql`SELECT ref_key || ':' || data_version AS k FROM onec_documents WHERE ref_key IN (SELECT value FROM json_each(${refs}))
      UNION ALL SELECT onec_ref || ':' || onec_version FROM companies WHERE onec_ref IN (SELECT value FROM json_each(${refs})) AND onec_version IS NOT NULL`),
    // A deleted counterparty never seen stays refused for as long as its version stands (each catalog pass meets it again).
    ctx.db.all<{ k: string }>(sql`SELECT external_id AS k FROM inbox WHERE source = 'onec' AND outcome = 'rejected'
      AND (received_at >= ${ctx.now - REFUSED_MEMORY_MS} OR reason = ${DELETED_UNSEEN_REASON})
      AND external_id IN (SELECT value FROM json_each(${list}))`),
  ]);
  return new Set([...applied, ...refused].map((r) => r.k));
}

/** Whether a pulled object is news: not yet applied nor lately refused in this version. */
function freshIn(known: Set<string>) {
  return (p: Pulled) => {
    const id = readExternalId(p.read);
    return id === null || !known.has(id);
  };
}

/** Counterparties the page's documents name but Voronka does not know yet, read from 1C by key. */
async function missingCounterparties(
  ctx: ServiceContext,
  settings: OnecODataSettings,
  select: string[],
  documents: Pulled[],
): Promise<Pulled[]> {
  const refs = [
    ...new Set(
      documents.flatMap((d) =>
        d.read.ok && d.read.object.type === 'document' && d.read.object.value.counterpartyRef ? [d.read.object.value.counterpartyRef] : [],
      ),
    ),
  ];
  if (!refs.length) return [];
  const known = new Set(
    (
      await ctx.db.all<{ ref: string }>(
        sql`SELECT onec_ref AS ref FROM companies WHERE onec_ref IN (SELECT value FROM json_each(${JSON.stringify(refs)}))`,
      )
    ).map((r) => r.ref),
  );
  const unknown = refs.filter((r) => !known.has(r));
  const found: Pulled[] = [];
  for (let i = 0; i < unknown.length; i += REFS_PER_REQUEST) {
    const filter = unknown
      .slice(i, i + REFS_PER_REQUEST)
      .map((r) => `Ref_Key eq ${odataLiteral.guid(r)}`)
      .join(' or ');
    const { url, items } = await listEntity(settings, COUNTERPARTY_ENTITY, { filter, select });
    found.push(...items.map((raw) => ({ raw, read: readOnecObject(raw, COUNTERPARTY_ENTITY), url })));
  }
  return found;
}

/**
 * One page of one entity: read, skip what is already known, fetch unknown counterparties, apply
 * up to `share` changed objects, then store their inbox rows and the new cursor in one batch — the
 * cursor moves only after the page is applied.
 */
interface Selects {
  entity: string[];
  counterparty: string[];
}

async function pullPage(
  ctx: ServiceContext,
  settings: OnecODataSettings,
  entity: OnecEntity,
  selects: Selects,
  state: PullState,
  share: number,
) {
  const pageSize = ctx.config.onecPullPageSize;
  const request = pageRequest(entity, state, ctx.config.onecPullSince);
  const { url, items } = await listEntity(settings, entity, {
    filter: request.filter,
    orderby: request.orderby,
    select: selects.entity,
    top: pageSize,
    skip: request.skip,
  });
  const page: Pulled[] = items.map((raw) => ({ raw, read: readOnecObject(raw, entity), url }));
  const isFresh = freshIn(
    await knownVersions(
      ctx,
      page.map((p) => p.read),
    ),
  );
  // Consume the page up to the share of changed objects this entity may apply in this run.
  let consumed = 0;
  let fresh = 0;
  for (const p of page) {
    if (fresh >= share) break;
    consumed += 1;
    if (isFresh(p)) fresh += 1;
  }
  const changed = page.slice(0, consumed).filter(isFresh);
  const fetched = entity === COUNTERPARTY_ENTITY ? [] : await missingCounterparties(ctx, settings, selects.counterparty, changed);
  const counterparties = fetched.filter(
    freshIn(
      await knownVersions(
        ctx,
        fetched.map((p) => p.read),
      ),
    ),
  );
  const toApply = [...counterparties, ...changed];
  const outcomes = await applyReads(
    ctx,
    toApply.map((p) => p.read),
  );
  const received: ReceivedObject[] = toApply.map((p, i) => ({
    body: JSON.stringify(p.raw),
    method: 'GET',
    path: p.url,
    headers: new Headers(),
    outcome: outcomes[i]!,
  }));
  const next: PullState = { ...advance(entity, state, request, items, consumed, pageSize), lastSuccessAt: ctx.now };
  await ctx.db.batch([writeState(ctx.db, pullKey(entity), next, ctx.now), ...objectInboxInserts(ctx.db, ctx.now, received)]);
  return { next, read: items.length, applied: toApply.length, unchanged: consumed - changed.length };
}

/**
 * `$select` of an entity from the base's schema, or why the entity cannot be pulled (not published,
 * or a field read.ts needs is missing) — 1C would answer 400 to a property its type does not have.
 */
function selectsOf(metadata: OnecMetadata, entity: OnecEntity): Selects | string {
  const fields = metadata.types[entity];
  if (!fields) return `${entity} нет в $metadata: объект не опубликован в стандартном интерфейсе OData`;
  const available = new Set(fields);
  const missing = requiredFieldsFor(entity).filter((f) => !available.has(f));
  if (missing.length) return `у ${entity} в $metadata нет полей ${missing.join(', ')}`;
  return {
    entity: selectFor(entity, available),
    counterparty: selectFor(COUNTERPARTY_ENTITY, new Set(metadata.types[COUNTERPARTY_ENTITY] ?? [])),
  };
}

/**
 * The cron's pull: for each entity (counterparties first), pages from its stored cursor until it
 * is caught up or this run's share is used. A failing entity keeps its error and the others go on,
 * unless 1C itself is down (network, 5xx): then the run stops and the next one retries.
 * Every `$select` is built from the base's `$metadata` (read once, cached, read again after an OData
 * error).
 */
export async function pullFromOnec({ ctx, settings }: { ctx: ServiceContext; settings: OnecODataSettings }): Promise<EntityPullReport[]> {
  const { metadata } = await loadMetadata(ctx.db, settings, ctx.now);
  let metadataDropped = false;
  const reports: EntityPullReport[] = [];
  let budget = APPLY_BUDGET;
  for (const [index, entity] of PULL_ENTITIES.entries()) {
    const report: EntityPullReport = { entity, pages: 0, read: 0, applied: 0, unchanged: 0 };
    reports.push(report);
    const key = pullKey(entity);
    let state: PullState = {
      ...(await readState<PullState>(ctx.db, key, emptyPullState(entity === COUNTERPARTY_ENTITY ? null : ctx.config.onecPullSince))),
      lastRunAt: ctx.now,
    };
    let share = Math.ceil(budget / (PULL_ENTITIES.length - index));
    try {
      const selects = selectsOf(metadata, entity);
      if (typeof selects === 'string') throw new Error(selects);
      for (let page = 0; page < PAGES_PER_ENTITY && share > 0; page++) {
        const result = await pullPage(ctx, settings, entity, selects, state, share);
        state = result.next;
        report.pages += 1;
        report.read += result.read;
        report.applied += result.applied;
        report.unchanged += result.unchanged;
        share -= result.applied;
        budget -= result.applied;
        if (state.caughtUp) break;
      }
    } catch (err) {
      report.error = errorMessage(err);
      console.error(
        JSON.stringify({
          cron: 'onec pull',
          entity,
          error: report.error,
          ...(err instanceof ODataError ? { url: err.url, status: err.status } : { stack: (err as Error).stack }),
        }),
      );
      await recordFailure(ctx.db, key, err, ctx.now);
      if (err instanceof ODataError && !metadataDropped) {
        // The base may have changed under the cached schema: the next run reads $metadata again.
        metadataDropped = true;
        await dropMetadata(ctx.db, ctx.now);
      }
      if (err instanceof ODataError && err.transient) break;
    }
  }
  return reports;
}
