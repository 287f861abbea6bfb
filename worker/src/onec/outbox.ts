import { sql, type SQL } from 'drizzle-orm';
import type { OnecODataSettings } from '../platform/config';
import type { ServiceContext } from '../platform/route';
import { COMMON_FIELDS, COUNTERPARTY_ENTITY, COUNTERPARTY_FIELDS, EMPTY_GUID, counterpartyForOnec, type OutgoingContact } from './entities';
import { createEntity, listEntity, odataLiteral } from './odata-client';
import { errorMessage } from './sync-state';

/** Companies delivered per cron run (each is one or two calls to 1C). */
const DELIVERIES_PER_RUN = 20;
const BACKOFF_FIRST_MS = 60_000;
const BACKOFF_MAX_MS = 30 * 60_000;

/** 1, 2, 4 … minutes after the n-th failed attempt, at most 30. */
export function backoffMs(attempts: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1));
}

/**
 * The statement that queues the companies selected by `companyIds` (a subquery evaluated inside
 * the caller's batch, e.g. the id just inserted) for creation in 1C, in id order. A company that
 * already has a 1C reference came from 1C and is never sent back.
 */
export function enqueueCounterpartyExport(companyIds: SQL, now: number): SQL {
  return sql`INSERT INTO outbox (kind, entity_id, state, attempts, next_attempt_at, created_at)
    SELECT 'onec_counterparty', c.id, 'pending', 0, ${now}, ${now} FROM companies c
    WHERE c.id IN (${companyIds}) AND c.onec_ref IS NULL ORDER BY c.id
    ON CONFLICT (kind, entity_id) DO NOTHING`;
}

interface PendingRow {
  id: number;
  entity_id: number;
  attempts: number;
  next_attempt_at: number;
}
interface CompanyRow {
  id: number;
  name: string;
  inn: string | null;
  kpp: string | null;
  onec_ref: string | null;
  merged_into_id: number | null;
}
interface ContactRow {
  contact_id: number;
  name: string;
  position: string | null;
  kind: 'phone' | 'email' | null;
  value: string | null;
  extension: string | null;
}

async function loadCompany(ctx: ServiceContext, id: number): Promise<{ company: CompanyRow | undefined; contacts: OutgoingContact[] }> {
  const [companies, rows] = await ctx.db.batch([
    ctx.db.all<CompanyRow>(sql`SELECT id, name, inn, kpp, onec_ref, merged_into_id FROM companies WHERE id = ${id}`),
    ctx.db.all<ContactRow>(sql`SELECT c.id AS contact_id, c.name, c.position, p.kind, p.value, p.extension
      FROM contacts c LEFT JOIN contact_points p ON p.contact_id = c.id
      WHERE c.company_id = ${id} AND c.merged_into_id IS NULL ORDER BY c.id, p.id`),
  ]);
  const contacts = new Map<number, OutgoingContact>();
  for (const r of rows) {
    const contact = contacts.get(r.contact_id) ?? { name: r.name, position: r.position, points: [] };
    contacts.set(r.contact_id, contact);
    if (r.kind && r.value) contact.points.push({ kind: r.kind, value: r.value, extension: r.extension });
  }
  return { company: companies[0], contacts: [...contacts.values()] };
}

function refOf(object: Record<string, unknown>): string | null {
  const ref = object[COMMON_FIELDS.ref];
  return typeof ref === 'string' && ref !== EMPTY_GUID && ref.trim() !== '' ? ref.toLowerCase() : null;
}

/**
 * The counterparty in 1C for a company: found by ИНН+КПП first (1C may already have it, or an
 * earlier attempt was written but its answer lost), else created by POST.
 */
async function counterpartyInOnec(settings: OnecODataSettings, company: CompanyRow, contacts: OutgoingContact[]): Promise<string> {
  if (company.inn) {
    const filter = `${COUNTERPARTY_FIELDS.inn} eq ${odataLiteral.string(company.inn)} and ${COUNTERPARTY_FIELDS.kpp} eq ${odataLiteral.string(company.kpp ?? '')} and ${COMMON_FIELDS.deletionMark} eq false`;
    const { items } = await listEntity(settings, COUNTERPARTY_ENTITY, { filter, select: [COMMON_FIELDS.ref], top: 1 });
    const existing = items[0] ? refOf(items[0]) : null;
    if (existing) return existing;
  }
  const { created } = await createEntity(settings, COUNTERPARTY_ENTITY, counterpartyForOnec(company, contacts));
  const ref = refOf(created);
  if (!ref) throw new Error('1С создала контрагента, но не вернула его Ref_Key');
  return ref;
}

export interface DeliveryReport {
  delivered: number;
  waiting: number;
  error?: string;
}

/**
 * The cron's delivery: pending companies strictly in queue order. The first failure stops the
 * run (nothing overtakes it) and backs that row off; a row is marked sent only together with the
 * Ref_Key stored on its company.
 */
export async function deliverOutbox({ ctx, settings }: { ctx: ServiceContext; settings: OnecODataSettings }): Promise<DeliveryReport> {
  const rows = await ctx.db.all<PendingRow>(sql`SELECT id, entity_id, attempts, next_attempt_at FROM outbox
    WHERE state = 'pending' AND kind = 'onec_counterparty' ORDER BY id LIMIT ${DELIVERIES_PER_RUN}`);
  let delivered = 0;
  for (const row of rows) {
    if (row.next_attempt_at > ctx.now) break;
    try {
      const { company, contacts } = await loadCompany(ctx, row.entity_id);
      let ref: string | null = null;
      let note: string | null = null;
      if (!company) note = `компания ${row.entity_id} не найдена — не отправлена`;
      else if (company.onec_ref)
        ref = company.onec_ref; // linked from 1C meanwhile
      else if (company.merged_into_id !== null) note = `компания объединена с ${company.merged_into_id} — не отправлена`;
      else {
        ref = await counterpartyInOnec(settings, company, contacts);
        const holder = await ctx.db.get<{ id: number } | undefined>(sql`SELECT id FROM companies WHERE onec_ref = ${ref}`);
        if (holder) note = `Ref_Key ${ref} уже привязан к компании ${holder.id} (дубль в Воронке?)`;
      }
      await ctx.db.batch([
        ctx.db.run(sql`UPDATE companies SET onec_ref = ${ref}, updated_at = ${ctx.now}
          WHERE id = ${row.entity_id} AND onec_ref IS NULL AND ${ref} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM companies WHERE onec_ref = ${ref})`),
        ctx.db.run(
          sql`UPDATE outbox SET state = 'sent', external_ref = ${ref}, sent_at = ${ctx.now}, last_error = ${note}, attempts = attempts + 1 WHERE id = ${row.id}`,
        ),
      ]);
      delivered += 1;
    } catch (err) {
      const attempts = row.attempts + 1;
      await ctx.db.run(
        sql`UPDATE outbox SET attempts = ${attempts}, next_attempt_at = ${ctx.now + backoffMs(attempts)}, last_error = ${errorMessage(err)} WHERE id = ${row.id}`,
      );
      console.error(
        JSON.stringify({ cron: 'onec outbox', outboxId: row.id, companyId: row.entity_id, attempts, error: errorMessage(err) }),
      );
      return { delivered, waiting: rows.length - delivered, error: errorMessage(err) };
    }
  }
  return { delivered, waiting: rows.length - delivered };
}
