import { sql } from 'drizzle-orm';
import { companies, events, leads, onecDocuments, stageChanges } from '../../../../schema/db';
import { convertedAtUpdate } from '../../../../schema/rollups';
import { idList, refreshCompanySearch } from '../../../../schema/db/search';
import type { OnecCounterparty, OnecDocument, OnecObject, OnecOutcome } from '../../../../schema/contracts';
import { normalizeCompanyName } from '../../../../schema/domain/names';
import type { ServiceContext } from '../../platform/route';
import { localTimeToUtc } from '../../platform/time';
import { auditInsert } from '../../audit';
import { documentStanding, type WeighedDocument } from './document-stage';
import { moveStatements, type LeadState } from './move';
import { loadStages, type StageMap } from './stages';

const KIND_RU: Record<OnecDocument['kind'], string> = {
  order: 'Заказ клиента',
  invoice: 'Счёт на оплату',
  payment_bank: 'Поступление на счёт',
  payment_cash: 'Приходный кассовый ордер',
  shipment: 'Реализация',
};

class Refusal extends Error {}

/**
 * The funnel's entry for 1C: counterparties are matched (Ref_Key, then ИНН+КПП) or created,
 * documents are stored by Ref_Key + DataVersion and move their lead. Objects are applied in the
 * order given (counterparties first), each in its own D1 batch; the caller keeps the inbox.
 */
export async function applyOnecObjects({ ctx, input }: { ctx: ServiceContext; input: { objects: OnecObject[] } }): Promise<OnecOutcome[]> {
  const stageMap = await loadStages(ctx.db);
  const ordered = [
    ...input.objects.filter((o) => o.type === 'counterparty'),
    ...input.objects
      .filter((o) => o.type === 'document')
      .sort((a, b) =>
        a.value.refKey === b.value.refKey ? 0 : (a.value as OnecDocument).dateLocal.localeCompare((b.value as OnecDocument).dateLocal),
      ),
  ];
  const outcomes: OnecOutcome[] = [];
  for (const object of ordered) {
    const base = { refKey: object.value.refKey, dataVersion: object.value.dataVersion };
    try {
      outcomes.push({
        ...base,
        ...(object.type === 'counterparty' ? await applyCounterparty(ctx, object.value) : await applyDocument(ctx, stageMap, object.value)),
      });
    } catch (err) {
      if (err instanceof Refusal) outcomes.push({ ...base, outcome: 'rejected', reason: err.message });
      else if (/UNIQUE constraint failed: events/.test(String(err))) outcomes.push({ ...base, outcome: 'duplicate' });
      else throw err;
    }
  }
  return outcomes;
}

async function defaultRegionId(ctx: ServiceContext): Promise<number> {
  const code = ctx.config.onecDefaultRegion;
  const row = await ctx.db.get<{ id: number } | undefined>(
    code ? sql`SELECT id FROM regions WHERE code = ${code}` : sql`SELECT id FROM regions ORDER BY id LIMIT 1`,
  );
  if (!row)
    throw new Refusal(code ? `Регион по умолчанию для 1С «${code}» не найден (ONEC_DEFAULT_REGION)` : 'В базе нет ни одного региона');
  return row.id;
}

async function applyCounterparty(ctx: ServiceContext, cp: OnecCounterparty): Promise<Omit<OnecOutcome, 'refKey' | 'dataVersion'>> {
  const byRef = await ctx.db.get<{ id: number; onec_version: string | null } | undefined>(
    sql`SELECT id, onec_version FROM companies WHERE onec_ref = ${cp.refKey}`,
  );
  if (byRef?.onec_version === cp.dataVersion) return { outcome: 'duplicate', companyId: byRef.id };
  const name = cp.name.trim();
  const fields = {
    name,
    nameNormalized: normalizeCompanyName(name) || name.toLowerCase(),
    inn: cp.inn || null,
    kpp: cp.kpp || null,
    // 1C's catalogue may hold two counterparties of one ИНН+КПП: the second is kept, marked as a known
    // duplicate of the live holder, outside the unique index of live ИНН+КПП (schema/db/clients.ts).
    duplicateOfId: sql`(SELECT h.id FROM companies h WHERE h.inn = ${cp.inn || null} AND coalesce(h.kpp, '') = ${cp.kpp || ''}
      AND h.merged_into_id IS NULL AND h.duplicate_of_id IS NULL AND h.id != ${byRef?.id ?? 0} LIMIT 1)`,
    onecVersion: cp.dataVersion,
    updatedAt: ctx.now,
  };
  if (byRef) {
    await ctx.db.batch([
      ctx.db.update(companies).set(fields).where(sql`id = ${byRef.id}`),
      ...refreshCompanySearch(idList([byRef.id])).map((q) => ctx.db.run(q)),
      auditInsert(ctx, { action: 'change', entity: 'company', entityId: byRef.id, details: { op: 'onec_update', refKey: cp.refKey } }),
    ]);
    return { outcome: 'stored', companyId: byRef.id };
  }
  const byInn = cp.inn
    ? await ctx.db.get<{ id: number } | undefined>(sql`SELECT id FROM companies
      WHERE inn = ${cp.inn} AND coalesce(kpp, '') = ${cp.kpp ?? ''} AND merged_into_id IS NULL AND onec_ref IS NULL ORDER BY id LIMIT 1`)
    : undefined;
  if (byInn) {
    await ctx.db.batch([
      ctx.db.update(companies).set({ onecRef: cp.refKey, onecVersion: cp.dataVersion, updatedAt: ctx.now }).where(sql`id = ${byInn.id}`),
      auditInsert(ctx, { action: 'change', entity: 'company', entityId: byInn.id, details: { op: 'onec_link', refKey: cp.refKey } }),
    ]);
    return { outcome: 'stored', companyId: byInn.id };
  }
  const regionId = await defaultRegionId(ctx);
  const [inserted] = await ctx.db.batch([
    ctx.db
      .insert(companies)
      .values({ ...fields, regionId, ownerId: null, status: 'client', onecRef: cp.refKey, createdAt: ctx.now })
      .returning({ id: companies.id }),
    ...refreshCompanySearch(sql`SELECT max(id) FROM companies`).map((q) => ctx.db.run(q)),
    auditInsert(ctx, {
      action: 'change',
      entity: 'company',
      entityId: sql`(SELECT CAST(max(id) AS TEXT) FROM companies)`,
      details: { op: 'onec_create', refKey: cp.refKey },
    }),
  ]);
  return { outcome: 'stored', companyId: inserted[0]!.id };
}

interface DocRow {
  ref_key: string;
  kind: WeighedDocument['kind'];
  amount_kopecks: number;
  posted: number;
  deletion_mark: number;
  data_version: string;
  lead_id: number | null;
}

/** The stage a lead returns to when its documents no longer justify one: its last move not made by 1C. */
async function stageBeforeDocuments(ctx: ServiceContext, leadId: number): Promise<string> {
  const row = await ctx.db.get<{ to_stage_id: string } | undefined>(sql`SELECT sc.to_stage_id FROM stage_changes sc
    LEFT JOIN events e ON e.id = sc.cause_event_id
    WHERE sc.lead_id = ${leadId} AND sc.cause != 'recompute' AND (e.source IS NULL OR e.source != 'onec')
      AND sc.to_stage_id NOT IN ('order', 'invoice', 'paid', 'shipped')
    ORDER BY sc.at DESC, sc.id DESC LIMIT 1`);
  return row?.to_stage_id ?? 'new';
}

async function applyDocument(
  ctx: ServiceContext,
  stageMap: StageMap,
  doc: OnecDocument,
): Promise<Omit<OnecOutcome, 'refKey' | 'dataVersion'>> {
  const existing = await ctx.db.get<DocRow | undefined>(
    sql`SELECT ref_key, kind, amount_kopecks, posted, deletion_mark, data_version, lead_id FROM onec_documents WHERE ref_key = ${doc.refKey}`,
  );
  if (existing?.data_version === doc.dataVersion)
    return { outcome: 'duplicate', ...(existing.lead_id ? { leadId: existing.lead_id } : {}) };
  if (!doc.counterpartyRef) throw new Refusal('В документе не указан контрагент (Контрагент_Key)');
  const company = await ctx.db.get<{ id: number; region_id: number; owner_id: number | null } | undefined>(sql`
    SELECT coalesce(m.id, c.id) AS id, coalesce(m.region_id, c.region_id) AS region_id, CASE WHEN m.id IS NULL THEN c.owner_id ELSE m.owner_id END AS owner_id
    FROM companies c LEFT JOIN companies m ON m.id = c.merged_into_id WHERE c.onec_ref = ${doc.counterpartyRef}`);
  if (!company)
    throw new Refusal(
      `Контрагент ${doc.counterpartyRef} не найден: сначала должен прийти Catalog_Контрагенты, затем документ можно повторить`,
    );

  const at = localTimeToUtc(doc.dateLocal, ctx.config.onecTimeZone);
  const live = doc.posted && !doc.deletionMark;
  const wasLive = !!existing && !!existing.posted && !existing.deletion_mark;
  const externalId = `${doc.refKey}:${doc.dataVersion}`;
  const eventId = sql`(SELECT id FROM events WHERE source = 'onec' AND external_id = ${externalId})`;

  // The lead: the one the document already had, else through its basis (order → invoice → …), else
  // the company's latest open lead, else a new one. An order is a deal of its own: it never joins a
  // lead that already holds another order, so two orders of one client make two open leads.
  let leadId = existing?.lead_id ?? null;
  const basisRefs = [doc.basisRef, ...doc.paymentLines.map((l) => l.basisRef)].filter((r): r is string => !!r);
  if (leadId === null && basisRefs.length) {
    leadId =
      (
        await ctx.db.get<{ lead_id: number } | undefined>(sql`SELECT lead_id FROM onec_documents
      WHERE ref_key IN (SELECT value FROM json_each(${JSON.stringify(basisRefs)})) AND lead_id IS NOT NULL LIMIT 1`)
      )?.lead_id ?? null;
  }
  if (leadId === null) {
    leadId =
      (
        await ctx.db.get<{ id: number } | undefined>(sql`SELECT l.id FROM leads l JOIN stages s ON s.id = l.stage_id
      WHERE l.company_id = ${company.id} AND l.closed_at IS NULL AND s.outcome = 'open'
        AND (${doc.kind} != 'order' OR NOT EXISTS (SELECT 1 FROM onec_documents d WHERE d.lead_id = l.id AND d.kind = 'order' AND d.ref_key != ${doc.refKey}))
      ORDER BY l.created_at DESC, l.id DESC LIMIT 1`)
      )?.id ?? null;
  }
  const lead =
    leadId === null
      ? null
      : await ctx.db.get<
          | { id: number; company_id: number; region_id: number; owner_id: number | null; stage_id: string; stage_entered_at: number }
          | undefined
        >(sql`
    SELECT id, company_id, region_id, owner_id, stage_id, stage_entered_at FROM leads WHERE id = ${leadId}`);

  const siblings = lead
    ? await ctx.db.all<DocRow>(
        sql`SELECT ref_key, kind, amount_kopecks, posted, deletion_mark, data_version, lead_id FROM onec_documents WHERE lead_id = ${lead.id} AND ref_key != ${doc.refKey}`,
      )
    : [];
  const standing = documentStanding([
    ...siblings.map((d) => ({ kind: d.kind, amountKopecks: d.amount_kopecks, live: !!d.posted && !d.deletion_mark })),
    { kind: doc.kind, amountKopecks: doc.amountKopecks, live },
  ]);

  // The responsible manager is fixed when 1C first sends the document: a later hand-over does not move his sales.
  const responsible = lead?.owner_id ?? company.owner_id;
  const state = `${live ? '' : doc.deletionMark ? ' (помечен на удаление)' : ' (не проведён)'}`;
  const statements: unknown[] = [
    ctx.db.insert(events).values({
      kind: 'onec_document',
      source: 'onec',
      externalId,
      occurredAt: at,
      companyId: company.id,
      leadId: lead?.id ?? null,
      userId: responsible,
      regionId: company.region_id,
      subject: `${KIND_RU[doc.kind]} ${doc.number} от ${doc.dateLocal.slice(8, 10)}.${doc.dateLocal.slice(5, 7)}.${doc.dateLocal.slice(0, 4)}${state}`,
      details: {
        kind: doc.kind,
        number: doc.number,
        amountKopecks: doc.amountKopecks,
        posted: doc.posted,
        deletionMark: doc.deletionMark,
        dataVersion: doc.dataVersion,
        invoicedKopecks: standing.invoicedKopecks,
        paidKopecks: standing.paidKopecks,
      },
      createdAt: ctx.now,
    }),
  ];
  let newLead = false;
  if (!lead && live) {
    // A document nobody expected opens a lead at the stage it justifies, caused by 1C.
    newLead = true;
    const stageId = standing.stageId ?? 'new';
    statements.push(
      ctx.db.insert(leads).values({
        companyId: company.id,
        regionId: company.region_id,
        ownerId: company.owner_id,
        stageId,
        amountKopecks: doc.amountKopecks,
        channel: 'onec',
        createdAt: at,
        stageEnteredAt: at,
        closedAt: stageMap.isClosed(stageId) ? at : null,
      }),
      ctx.db.insert(stageChanges).values({
        leadId: sql`(SELECT max(id) FROM leads)` as never,
        fromStageId: null,
        toStageId: stageId,
        at,
        cause: 'event',
        causeEventId: eventId as never,
        causeRule: 'onec_document',
      }),
      ctx.db.run(sql`UPDATE events SET lead_id = (SELECT max(id) FROM leads) WHERE source = 'onec' AND external_id = ${externalId}`),
    );
  }
  // An unposted document nobody expected waits without a lead until it is posted.
  const leadIdSql = lead ? lead.id : newLead ? sql`(SELECT max(id) FROM leads)` : null;
  statements.push(
    ctx.db.run(sql`INSERT INTO onec_documents (ref_key, kind, number, date_local, occurred_at, posted, deletion_mark, data_version, counterparty_ref, company_id, lead_id, user_id, amount_kopecks, currency, basis_ref, basis_type, updated_at)
    VALUES (${doc.refKey}, ${doc.kind}, ${doc.number}, ${doc.dateLocal}, ${at}, ${doc.posted ? 1 : 0}, ${doc.deletionMark ? 1 : 0}, ${doc.dataVersion}, ${doc.counterpartyRef}, ${company.id}, ${leadIdSql}, ${responsible}, ${doc.amountKopecks}, ${doc.currency}, ${doc.basisRef}, ${doc.basisType}, ${ctx.now})
    ON CONFLICT (ref_key) DO UPDATE SET user_id = coalesce(onec_documents.user_id, excluded.user_id), kind = excluded.kind, number = excluded.number, date_local = excluded.date_local, occurred_at = excluded.occurred_at,
      posted = excluded.posted, deletion_mark = excluded.deletion_mark, data_version = excluded.data_version, counterparty_ref = excluded.counterparty_ref,
      company_id = excluded.company_id, lead_id = excluded.lead_id, amount_kopecks = excluded.amount_kopecks, currency = excluded.currency,
      basis_ref = excluded.basis_ref, basis_type = excluded.basis_type, updated_at = excluded.updated_at`),
  );

  if (lead && !newLead) {
    const current: LeadState = {
      id: lead.id,
      companyId: lead.company_id,
      regionId: lead.region_id,
      ownerId: lead.owner_id,
      stageId: lead.stage_id,
    };
    const lost = stageMap.byId.get(lead.stage_id)?.outcome === 'lost';
    const target = standing.stageId;
    if (live && target && !lost && stageMap.position(target) > stageMap.position(lead.stage_id)) {
      // Automatic moves go forward only; a late document never rewinds the history before it.
      statements.push(
        ...moveStatements(
          ctx.db,
          stageMap,
          current,
          target,
          { kind: 'event', eventId, source: 'onec' },
          Math.max(at, lead.stage_entered_at),
        ),
      );
    } else if (wasLive && !live && !lost) {
      const back = target ?? (await stageBeforeDocuments(ctx, lead.id));
      if (back !== lead.stage_id) {
        const why = `${KIND_RU[doc.kind]} ${doc.number} ${doc.deletionMark ? 'помечен на удаление' : 'распроведён'} в 1С`;
        statements.push(...moveStatements(ctx.db, stageMap, current, back, { kind: 'recompute', eventId, reason: why }, ctx.now));
      }
    }
  }
  // A payment posted, unposted or moved changes when the client was converted (first paid invoice).
  if (
    doc.kind === 'payment_bank' ||
    doc.kind === 'payment_cash' ||
    existing?.kind === 'payment_bank' ||
    existing?.kind === 'payment_cash'
  ) {
    statements.push(ctx.db.run(sql.raw(convertedAtUpdate(`id = ${Number(company.id)}`))));
  }
  const results = await ctx.db.batch(statements as never);
  void results;
  const stored = await ctx.db.get<{ lead_id: number | null }>(sql`SELECT lead_id FROM onec_documents WHERE ref_key = ${doc.refKey}`);
  return { outcome: 'stored', companyId: company.id, ...(stored?.lead_id ? { leadId: stored.lead_id } : {}) };
}
