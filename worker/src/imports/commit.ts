import { sql, type SQL } from 'drizzle-orm';
import type { ImportRow, ImportRowResult } from '../../../schema/contracts';
import { refreshCompanySearch } from '../../../schema/db/search';
import { canReadCompany, requireWriter } from '../access';
import { enqueueCounterpartyExport } from '../onec';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { auditInsert } from '../audit';
import { classifyRows, type RowPlan } from './classify-rows';
import { findOwnImport, type ImportRecord } from './find-own';
import { reasonIn } from './stored-reason';

const NOTE_SUBJECT_MAX = 500;
/** A chunk that keeps losing races on a unique key is tried this many times, then the error stands. */
const COMMIT_ATTEMPTS = 3;

type StoredRow = {
  row_no: number;
  outcome: ImportRowResult['outcome'];
  /** The reason in the caller's language (reason_en, else the Russian one of a row stored before it existed). */
  reason: string | null;
  company_id: number | null;
  company_name: string | null;
  region_id: number | null;
  owner_id: number | null;
  owner_name: string | null;
};

/** What the importer is told about a row written earlier (a chunk sent again). */
function storedResult(ctx: ServiceContext, r: StoredRow): ImportRowResult {
  const visible =
    r.company_id !== null && r.region_id !== null && canReadCompany(ctx.principal, { regionId: r.region_id, ownerId: r.owner_id });
  return {
    rowNo: r.row_no,
    outcome: r.outcome,
    ...(r.reason ? { reason: r.reason } : {}),
    ...(visible ? { companyId: r.company_id!, companyName: r.company_name! } : {}),
    ...(r.outcome !== 'new' && r.outcome !== 'invalid' && r.company_id !== null ? { ownerName: r.owner_name } : {}),
  };
}

function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (/UNIQUE constraint failed/i.test(e.message)) return true;
  return false;
}

/**
 * The set-based writes of one chunk, in one batch (= one transaction on D1's single writer). New
 * companies take ids max(id) + index; the import_rows insert right after finds them again as
 * max(id) - count + index and keeps them, and every later statement joins import_rows for its
 * company id. New contacts get their ids the same way. (Companies go first so that no foreign key
 * has to be deferred: a deferred one makes SQLite scan import_rows on every company insert.)
 */
function writeStatements(
  ctx: ServiceContext,
  imp: ImportRecord,
  plans: RowPlan[],
): { companiesInsert: SQL | null; rowsInsert: SQL; rest: SQL[] } {
  const id = imp.id;
  const now = ctx.now;
  const userId = imp.userId;
  // CROSS JOIN keeps json_each as the outer loop: each chunk row finds its import row by primary key
  // (a plain JOIN lets SQLite scan the whole import once per chunk row).
  const rowOf = (alias: string) => sql.raw(`CROSS JOIN import_rows r ON r.import_id = ${id} AND r.row_no = ${alias}.value->>'r'`);
  const json = (items: unknown[]) => JSON.stringify(items);

  const rows = json(
    plans.map((p) => ({
      r: p.rowNo,
      o: p.outcome,
      m: p.reason?.ru ?? null,
      me: p.reason?.en ?? null,
      c: p.companyId,
      n: p.newCompanyIdx,
      d: p.data,
    })),
  );
  const companies = plans.flatMap((p) =>
    p.company ? [{ n: p.newCompanyIdx, name: p.company.name, norm: p.company.nameNormalized, inn: p.company.inn, kpp: p.company.kpp }] : [],
  );
  const contacts = plans.flatMap((p) =>
    p.newContact ? [{ r: p.rowNo, i: p.newContact.idx, name: p.newContact.name, pos: p.newContact.position }] : [],
  );
  const contactRef = (p: RowPlan) => (!p.contact ? {} : 'existingId' in p.contact ? { k: p.contact.existingId } : { i: p.contact.newIdx });
  const points = plans.flatMap((p) =>
    p.points.map((pt) => ({ r: p.rowNo, ...contactRef(p), kind: pt.kind, v: pt.value, x: pt.extension })),
  );
  const notes = plans.flatMap((p) => {
    if (!p.comment) return [];
    const long = p.comment.length > NOTE_SUBJECT_MAX;
    return [
      {
        r: p.rowNo,
        ...contactRef(p),
        s: long ? `${p.comment.slice(0, NOTE_SUBJECT_MAX - 1)}…` : p.comment,
        ...(long ? { full: p.comment } : {}),
      },
    ];
  });
  const touched = [...new Set(plans.flatMap((p) => (p.outcome === 'merged' && p.companyId !== null ? [p.companyId] : [])))];
  const claimed = [...new Set(plans.flatMap((p) => (p.claim && p.companyId !== null ? [p.companyId] : [])))];
  const written = plans.filter((p) => p.outcome === 'new' || p.outcome === 'merged').map((p) => p.rowNo);
  // Valid only after the contacts insert below: the id of the idx-th contact created by this chunk.
  const newContactId = sql.raw(`(SELECT max(id) FROM contacts) - ${contacts.length} + (j.value->>'i')`);

  const companiesInsert = companies.length
    ? sql`INSERT INTO companies (id, name, name_normalized, inn, kpp, region_id, owner_id, status, created_at, updated_at)
    SELECT (SELECT coalesce(max(id), 0) FROM companies) + (j.value->>'n'), j.value->>'name', j.value->>'norm', j.value->>'inn', j.value->>'kpp',
      ${imp.regionId}, ${imp.ownerId}, 'prospect', ${now}, ${now}
    FROM json_each(${json(companies)}) j`
    : null;
  const rowsInsert = sql`INSERT INTO import_rows (import_id, row_no, outcome, reason, reason_en, company_id, data)
    SELECT ${id}, j.value->>'r', j.value->>'o', j.value->>'m', j.value->>'me',
      CASE WHEN j.value->>'n' IS NULL THEN j.value->>'c' ELSE (SELECT max(id) FROM companies) - ${companies.length} + (j.value->>'n') END,
      j.value->'d'
    FROM json_each(${rows}) j`;
  const statements: SQL[] = [];
  if (contacts.length) {
    statements.push(sql`INSERT INTO contacts (id, company_id, name, position, created_at)
      SELECT (SELECT coalesce(max(id), 0) FROM contacts) + (j.value->>'i'), r.company_id, j.value->>'name', j.value->>'pos', ${now}
      FROM json_each(${json(contacts)}) j ${rowOf('j')}`);
  }
  if (points.length) {
    statements.push(sql`INSERT INTO contact_points (contact_id, company_id, kind, value, extension)
      SELECT coalesce(j.value->>'k', ${newContactId}), r.company_id, j.value->>'kind', j.value->>'v', j.value->>'x'
      FROM json_each(${json(points)}) j ${rowOf('j')}`);
  }
  if (notes.length) {
    statements.push(sql`INSERT INTO events (kind, source, external_id, occurred_at, company_id, contact_id, user_id, region_id, subject, details, created_at)
      SELECT 'note', 'import', ${`import:${id}:`} || (j.value->>'r'), ${now}, r.company_id,
        CASE WHEN j.value->>'k' IS NOT NULL THEN j.value->>'k' WHEN j.value->>'i' IS NOT NULL THEN ${newContactId} END,
        ${userId}, c.region_id, j.value->>'s',
        CASE WHEN j.value->>'full' IS NULL THEN json_object('fileName', ${imp.fileName}, 'rowNo', j.value->>'r')
          ELSE json_object('fileName', ${imp.fileName}, 'rowNo', j.value->>'r', 'comment', j.value->>'full') END,
        ${now}
      FROM json_each(${json(notes)}) j ${rowOf('j')} JOIN companies c ON c.id = r.company_id`);
  }
  if (touched.length) {
    statements.push(sql`UPDATE companies SET updated_at = ${now},
        owner_id = CASE WHEN owner_id IS NULL AND id IN (SELECT value FROM json_each(${json(claimed)})) THEN ${imp.ownerId} ELSE owner_id END
      WHERE id IN (SELECT value FROM json_each(${json(touched)}))`);
  }
  // The companies this chunk created are the last `companies.length` ids; they go to 1C through the outbox.
  if (companies.length)
    statements.push(
      enqueueCounterpartyExport(sql`SELECT id FROM companies WHERE id > (SELECT max(id) FROM companies) - ${companies.length}`, now),
    );
  if (written.length) {
    statements.push(
      ...refreshCompanySearch(
        sql`SELECT company_id FROM import_rows WHERE import_id = ${id} AND row_no IN (SELECT value FROM json_each(${json(written)}))`,
      ),
    );
  }
  return { companiesInsert, rowsInsert, rest: statements };
}

async function commitOnce(ctx: ServiceContext, imp: ImportRecord, rows: ImportRow[]): Promise<ImportRowResult[]> {
  const rowNos = JSON.stringify(rows.map((r) => r.rowNo));
  const [stored, [total]] = await ctx.db.batch([
    ctx.db.all<StoredRow>(sql`SELECT r.row_no, r.outcome, ${reasonIn(ctx.lang)} AS reason, r.company_id, c.name AS company_name, c.region_id, c.owner_id,
        (SELECT u.name FROM users u WHERE u.id = c.owner_id) AS owner_name
      FROM import_rows r LEFT JOIN companies c ON c.id = r.company_id
      WHERE r.import_id = ${imp.id} AND r.row_no IN (SELECT value FROM json_each(${rowNos}))`),
    ctx.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM import_rows WHERE import_id = ${imp.id}`),
  ]);
  const done = new Set(stored.map((r) => r.row_no));
  const fresh = rows.filter((r) => !done.has(r.rowNo));
  if ((total?.n ?? 0) + fresh.length > imp.totalRows) {
    throw new AppError('bad_request', {
      ru: `В импорте объявлено ${imp.totalRows} строк, а прислано больше`,
      en: `The import declared ${imp.totalRows} rows, more were sent`,
    });
  }
  const results = stored.map((r) => storedResult(ctx, r));
  if (fresh.length) {
    const plans = await classifyRows({ ctx, importRecord: imp, rows: fresh });
    const counts = Object.fromEntries(
      ['new', 'merged', 'duplicate', 'other_owner', 'invalid'].map((o) => [o, plans.filter((p) => p.outcome === o).length]),
    );
    const { companiesInsert, rowsInsert, rest } = writeStatements(ctx, imp, plans);
    const [, ids] = await ctx.db.batch([
      ctx.db.run(companiesInsert ?? sql`SELECT 1`), // a no-op keeps the positions of the results fixed
      ctx.db.all<{ row_no: number; company_id: number | null }>(sql`${rowsInsert} RETURNING row_no, company_id`),
      ...rest.map((s) => ctx.db.run(s)),
      auditInsert(ctx, {
        action: 'change',
        entity: 'import',
        entityId: imp.id,
        details: { rows: plans.length, firstRow: plans[0]!.rowNo, lastRow: plans[plans.length - 1]!.rowNo, ...counts },
      }),
    ]);
    // Ids of the companies this chunk created exist only now: hand them to the rows that point at them.
    const companyOf = new Map(ids.map((r) => [r.row_no, r.company_id]));
    for (const p of plans) {
      const companyId = companyOf.get(p.rowNo);
      if (p.newCompanyIdx !== null && companyId != null) p.result.companyId = companyId;
    }
    results.push(...plans.map((p) => p.result));
  }
  return results.sort((a, b) => a.rowNo - b.rowNo);
}

/**
 * Writes one chunk of an import. Idempotent: rows already stored for this import are not touched
 * again and answer their stored outcome. Two requests racing on the same rows cannot both write:
 * the loser's batch fails on the import_rows key as a whole and is answered from what the winner stored.
 * Likewise a chunk whose new company lost its ИНН+КПП to a concurrent write is classified again.
 */
export async function commitImport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { id: number; rows: ImportRow[] };
}): Promise<{ rows: ImportRowResult[] }> {
  requireWriter(ctx.principal);
  const imp = await findOwnImport(ctx, input.id);
  if (imp.state === 'done')
    throw new AppError('conflict', { ru: 'Импорт уже завершён: начните новый', en: 'This import is finished: start a new one' });
  for (let attempt = 1; ; attempt++) {
    try {
      return { rows: await commitOnce(ctx, imp, input.rows) };
    } catch (err) {
      // The same chunk stored by a twin request, or a new company's ИНН+КПП (or a phone, an e-mail) taken
      // meanwhile by a create or another import (the unique keys of docs/client-base.md): the batch wrote
      // nothing; classified again, the rows see the winner (stored outcome, merged or other_owner).
      if (!isUniqueViolation(err) || attempt === COMMIT_ATTEMPTS) throw err;
    }
  }
}
