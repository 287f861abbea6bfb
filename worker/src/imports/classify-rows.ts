import { sql } from 'drizzle-orm';
import type { ImportRow, ImportRowResult } from '../../../schema/contracts';
import { canEditCompany, canManageOwnership, canReadCompany } from '../access';
import type { Lang, Text } from '../platform/i18n';
import type { ServiceContext } from '../platform/route';
import { checkImportRow, type CheckedRow } from './check-row';
import type { ImportRecord } from './find-own';

type Outcome = ImportRowResult['outcome'];
type PointKind = 'phone' | 'email';

/** An existing live company as the import sees it. */
export interface Holder {
  id: number;
  name: string;
  inn: string | null;
  kpp: string;
  regionId: number;
  ownerId: number | null;
  ownerName: string | null;
  regionName: string;
}

/** Where a row's data goes: a company that exists, or one created by an earlier row of this chunk. */
type Target =
  | { kind: 'existing'; company: Holder }
  | { kind: 'new'; idx: number; rowNo: number; name: string; inn: string | null; kpp: string };

export interface PlannedPoint {
  kind: PointKind;
  value: string;
  extension: string | null;
}
/** The row's person: an existing contact, or the idx-th contact this chunk creates. */
export type PlannedContact = { existingId: number } | { newIdx: number };

/** What becomes of one row; commit writes it, preview only shows `result`. */
export interface RowPlan {
  rowNo: number;
  outcome: Outcome;
  /** Both languages: the caller reads his, import_rows keeps the Russian one for the result file. */
  reason: Text | null;
  /** The existing company the row was merged into, or the holder it collides with. */
  companyId: number | null;
  /** 1-based index of the company this chunk creates for the row (its own, or an earlier row's). */
  newCompanyIdx: number | null;
  /** Set on the row that creates a company. */
  company: { name: string; nameNormalized: string; inn: string | null; kpp: string | null } | null;
  contact: PlannedContact | null;
  /** Set on the row that creates its contact (later rows naming the same person refer to it). */
  newContact: { idx: number; name: string; position: string | null } | null;
  points: PlannedPoint[];
  comment: string | null;
  /** A pool company that the import's owner takes. */
  claim: boolean;
  data: Omit<ImportRow, 'rowNo'>;
  result: ImportRowResult;
}

const UNNAMED_CONTACT = 'Без имени';
const KIND_RU: Record<PointKind, string> = { phone: 'Телефон', email: 'E-mail' };
const KIND_EN: Record<PointKind, string> = { phone: 'Phone', email: 'E-mail' };

const pointKey = (kind: PointKind, value: string) => `${kind}:${value}`;
const targetKey = (t: Target) => (t.kind === 'existing' ? `e${t.company.id}` : `n${t.idx}`);
const lower = (s: string) => s.toLocaleLowerCase('ru').replace(/ё/g, 'е');

function rowData(row: ImportRow): Omit<ImportRow, 'rowNo'> {
  const { rowNo: _rowNo, ...cells } = row;
  return Object.fromEntries(Object.entries(cells).filter(([, v]) => v !== undefined && v !== '')) as Omit<ImportRow, 'rowNo'>;
}

/** A row without a КПП matches any company with its ИНН (the head office first); with one, exactly. */
function pickByInn<T extends { inn: string | null; kpp: string }>(candidates: T[], inn: string, kpp: string | null): T | undefined {
  const same = candidates.filter((c) => c.inn === inn);
  if (kpp) return same.find((c) => c.kpp === kpp);
  return same.find((c) => c.kpp === '') ?? same[0];
}

function whose(h: Holder, lang: Lang): string {
  if (lang === 'ru') return h.ownerName ? `менеджера ${h.ownerName} (${h.regionName})` : `в пуле региона «${h.regionName}»`;
  return h.ownerName ? `of manager ${h.ownerName} (${h.regionName})` : `in the pool of ${h.regionName}`;
}

interface Lookups {
  byInn: Map<string, Holder[]>;
  points: Map<string, { holder: Holder; contactId: number }>;
  contacts: Map<number, { id: number; name: string }[]>;
}

type HolderRow = {
  id: number;
  company_name: string;
  inn: string | null;
  kpp: string;
  region_id: number;
  owner_id: number | null;
  owner_name: string | null;
  region_name: string;
};
const HOLDER_COLUMNS = sql.raw(`c.id, c.name AS company_name, c.inn, coalesce(c.kpp, '') AS kpp, c.region_id, c.owner_id,
  (SELECT u.name FROM users u WHERE u.id = c.owner_id) AS owner_name, (SELECT r.name FROM regions r WHERE r.id = c.region_id) AS region_name`);
const toHolder = (r: HolderRow): Holder => ({
  id: r.id,
  name: r.company_name,
  inn: r.inn,
  kpp: r.kpp,
  regionId: r.region_id,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  regionName: r.region_name,
});

/**
 * Who already holds the chunk's ИНН, phones and e-mails, and the contacts of those companies: one
 * batch of reads, every list passed as one JSON parameter (D1 binds at most 100 per statement).
 */
async function lookUp(ctx: ServiceContext, rows: CheckedRow[]): Promise<Lookups> {
  const inns = JSON.stringify([...new Set(rows.flatMap((r) => (r.inn ? [r.inn] : [])))]);
  const phones = JSON.stringify([...new Set(rows.flatMap((r) => r.phones.map((p) => p.e164)))]);
  const emails = JSON.stringify([...new Set(rows.flatMap((r) => r.emails))]);
  const pointHits = sql`SELECT p.kind, p.value, p.contact_id, p.company_id FROM contact_points p WHERE p.kind = 'phone' AND p.value IN (SELECT value FROM json_each(${phones}))
    UNION ALL SELECT p.kind, p.value, p.contact_id, p.company_id FROM contact_points p WHERE p.kind = 'email' AND p.value IN (SELECT value FROM json_each(${emails}))`;
  const [innRows, pointRows, contactRows] = await ctx.db.batch([
    ctx.db.all<HolderRow>(sql`SELECT ${HOLDER_COLUMNS} FROM companies c
      WHERE c.inn IN (SELECT value FROM json_each(${inns})) AND c.merged_into_id IS NULL ORDER BY c.id`),
    ctx.db.all<
      HolderRow & { kind: PointKind; value: string; contact_id: number }
    >(sql`SELECT h.kind, h.value, h.contact_id, ${HOLDER_COLUMNS}
      FROM (${pointHits}) h JOIN companies c ON c.id = h.company_id WHERE c.merged_into_id IS NULL`),
    ctx.db.all<{ id: number; company_id: number; name: string }>(sql`SELECT k.id, k.company_id, k.name FROM contacts k
      WHERE k.merged_into_id IS NULL AND k.company_id IN (
        SELECT c.id FROM companies c WHERE c.inn IN (SELECT value FROM json_each(${inns})) AND c.merged_into_id IS NULL
        UNION SELECT h.company_id FROM (${pointHits}) h)
      ORDER BY k.id`),
  ]);
  const byInn = new Map<string, Holder[]>();
  for (const r of innRows) {
    const list = byInn.get(r.inn!) ?? [];
    list.push(toHolder(r));
    byInn.set(r.inn!, list);
  }
  const points = new Map(pointRows.map((r) => [pointKey(r.kind, r.value), { holder: toHolder(r), contactId: r.contact_id }]));
  const contacts = new Map<number, { id: number; name: string }[]>();
  for (const k of contactRows) contacts.set(k.company_id, [...(contacts.get(k.company_id) ?? []), { id: k.id, name: k.name }]);
  return { byInn, points, contacts };
}

/**
 * Sorts the rows of one chunk into new / merged / duplicate / other_owner / invalid, against the
 * database and against the earlier rows of the same chunk (first ИНН creates, repeats merge into
 * it). Reads only: the commit service writes the plan, the preview shows it.
 */
export async function classifyRows({
  ctx,
  importRecord,
  rows,
}: {
  ctx: ServiceContext;
  importRecord: ImportRecord;
  rows: ImportRow[];
}): Promise<RowPlan[]> {
  const p = ctx.principal;
  const sorted = [...rows].sort((a, b) => a.rowNo - b.rowNo);
  const checks = sorted.map((r) => checkImportRow(r));
  const valid = checks.flatMap((c) => (c.ok ? [c.row] : []));
  const found = await lookUp(ctx, valid);

  const created: Extract<Target, { kind: 'new' }>[] = [];
  const plannedPoints = new Map<string, { target: string; rowNo: number }>();
  const plannedContacts = new Map<string, number>();
  let contactCount = 0;

  const visibleCompany = (h: Holder) => (canReadCompany(p, h) ? { companyId: h.id, companyName: h.name } : {});
  const told = (reason: Text) => ({ reason: reason[ctx.lang] });

  return sorted.map((source, i): RowPlan => {
    const check = checks[i]!;
    const base = {
      rowNo: source.rowNo,
      companyId: null,
      newCompanyIdx: null,
      company: null,
      contact: null,
      newContact: null,
      points: [],
      comment: null,
      claim: false,
      data: rowData(source),
    };
    if (!check.ok)
      return {
        ...base,
        outcome: 'invalid',
        reason: check.reason,
        result: { rowNo: source.rowNo, outcome: 'invalid', ...told(check.reason) },
      };
    const row = check.row;
    const rowPoints: PlannedPoint[] = [
      ...row.phones.map((ph) => ({ kind: 'phone' as const, value: ph.e164, extension: ph.extension })),
      ...row.emails.map((e) => ({ kind: 'email' as const, value: e, extension: null })),
    ];

    // 1. The company this row is about: by ИНН(+КПП); a row without ИНН by its first known phone/e-mail.
    let target: Target | undefined;
    let matchedBy: Text = { ru: 'ИНН', en: 'INN' };
    if (row.inn) {
      const existing = pickByInn(found.byInn.get(row.inn) ?? [], row.inn, row.kpp);
      target = existing ? { kind: 'existing', company: existing } : pickByInn(created, row.inn, row.kpp);
    } else {
      for (const pt of rowPoints) {
        const key = pointKey(pt.kind, pt.value);
        const held = found.points.get(key);
        const planned = plannedPoints.get(key);
        if (held) target = { kind: 'existing', company: held.holder };
        else if (planned) target = created.find((c) => targetKey(c) === planned.target);
        if (target) {
          matchedBy = { ru: `${KIND_RU[pt.kind].toLowerCase()} ${pt.value}`, en: `${KIND_EN[pt.kind].toLowerCase()} ${pt.value}` };
          break;
        }
      }
    }

    // 2. May this import add to it? Only to the owner's own clients (and, for heads, the pool it claims).
    let claim = false;
    if (target?.kind === 'existing') {
      const m = target.company;
      const owner = importRecord.ownerId;
      let may = canEditCompany(p, m) && (m.ownerId === null ? m.regionId === importRecord.regionId : m.ownerId === owner);
      if (may && m.ownerId === null && owner !== null) {
        may = canManageOwnership(p, m.regionId);
        claim = may;
      }
      if (!may) {
        const poolOfRegion = m.ownerId === null && m.regionId === importRecord.regionId && canEditCompany(p, m);
        const reason: Text = poolOfRegion
          ? {
              ru: `Клиент ${whose(m, 'ru')}: из пула при импорте его забирает руководитель отдела продаж`,
              en: `Client ${whose(m, 'en')}: only a head of sales takes it from the pool by import`,
            }
          : { ru: `Клиент ${whose(m, 'ru')}`, en: `Client ${whose(m, 'en')}` };
        return {
          ...base,
          outcome: 'other_owner',
          reason,
          companyId: m.id,
          result: { rowNo: row.rowNo, outcome: 'other_owner', ...told(reason), ownerName: m.ownerName, ...visibleCompany(m) },
        };
      }
    }

    // 3. Its phones and e-mails must not belong to another company (in the base or earlier in the file).
    const tKey = target ? targetKey(target) : '';
    const newPoints: PlannedPoint[] = [];
    let knownContactId: number | undefined;
    for (const pt of rowPoints) {
      const key = pointKey(pt.kind, pt.value);
      const held = found.points.get(key);
      const planned = plannedPoints.get(key);
      const label = { ru: `${KIND_RU[pt.kind]} ${pt.value}`, en: `${KIND_EN[pt.kind]} ${pt.value}` };
      if (held && (target?.kind !== 'existing' || held.holder.id !== target.company.id)) {
        const h = held.holder;
        const visible = canReadCompany(p, h);
        const reason: Text = {
          ru: `${label.ru} уже есть у клиента ${visible ? `«${h.name}», ` : ''}${whose(h, 'ru')}`,
          en: `${label.en} already belongs to a client ${visible ? `"${h.name}" ` : ''}${whose(h, 'en')}`,
        };
        return {
          ...base,
          outcome: 'duplicate',
          reason,
          companyId: h.id,
          result: { rowNo: row.rowNo, outcome: 'duplicate', ...told(reason), ownerName: h.ownerName, ...visibleCompany(h) },
        };
      }
      if (planned && planned.target !== tKey) {
        const reason: Text = {
          ru: `${label.ru} уже есть в строке ${planned.rowNo} этого файла`,
          en: `${label.en} is already in row ${planned.rowNo} of this file`,
        };
        return { ...base, outcome: 'duplicate', reason, result: { rowNo: row.rowNo, outcome: 'duplicate', ...told(reason) } };
      }
      if (held) knownContactId ??= held.contactId;
      else if (!planned) newPoints.push(pt);
    }

    // 4. Written: a new company, or data added to the matched one.
    let companyId: number | null = null;
    let newCompanyIdx: number | null = null;
    let company: RowPlan['company'] = null;
    let reason: Text | null = null;
    if (!target) {
      newCompanyIdx = created.length + 1;
      target = { kind: 'new', idx: newCompanyIdx, rowNo: row.rowNo, name: row.name, inn: row.inn, kpp: row.kpp ?? '' };
      created.push(target);
      company = { name: row.name, nameNormalized: row.nameNormalized, inn: row.inn, kpp: row.kpp };
    } else if (target.kind === 'existing') {
      companyId = target.company.id;
      reason = {
        ru: `Совпадает ${matchedBy.ru} с клиентом «${target.company.name}»: контакты и комментарий добавляются к нему${claim ? ', клиент из пула закрепляется за ответственным импорта' : ''}`,
        en: `Same ${matchedBy.en} as client "${target.company.name}": contacts and the comment are added to it${claim ? '; the pool client goes to the import’s owner' : ''}`,
      };
    } else {
      newCompanyIdx = target.idx;
      reason = {
        ru: `Повтор клиента из строки ${target.rowNo} (${matchedBy.ru}): контакты и комментарий добавляются к нему`,
        en: `Repeats the client of row ${target.rowNo} (${matchedBy.en}): contacts and the comment are added to it`,
      };
    }
    const key = targetKey(target);
    for (const pt of newPoints) plannedPoints.set(pointKey(pt.kind, pt.value), { target: key, rowNo: row.rowNo });

    // The row's person: a contact of that name, else the one who holds its known phone, else a new one.
    let contact: PlannedContact | null = null;
    let newContact: RowPlan['newContact'] = null;
    const named = row.contact ? `${key}|${lower(row.contact)}` : '';
    const existingContact =
      row.contact && target.kind === 'existing'
        ? (found.contacts.get(target.company.id) ?? []).find((k) => lower(k.name) === lower(row.contact!))
        : undefined;
    if (existingContact) contact = { existingId: existingContact.id };
    else if (named && plannedContacts.has(named)) contact = { newIdx: plannedContacts.get(named)! };
    else if (!row.contact && knownContactId !== undefined) contact = { existingId: knownContactId };
    else if (row.contact || newPoints.length) {
      newContact = { idx: ++contactCount, name: row.contact ?? UNNAMED_CONTACT, position: row.position };
      contact = { newIdx: newContact.idx };
      if (named) plannedContacts.set(named, newContact.idx);
    }

    const outcome: Outcome = company ? 'new' : 'merged';
    const shown =
      target.kind === 'existing'
        ? { companyId: target.company.id, companyName: target.company.name, ownerName: target.company.ownerName }
        : { companyName: target.name };
    return {
      ...base,
      outcome,
      reason,
      companyId,
      newCompanyIdx,
      company,
      contact,
      newContact,
      points: newPoints,
      comment: row.comment,
      claim,
      result: { rowNo: row.rowNo, outcome, ...(reason ? told(reason) : {}), ...shown },
    };
  });
}
