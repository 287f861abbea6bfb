import { OnecCounterparty, OnecDocument, type OnecObject } from '../../../schema/contracts';
import {
  COMMON_FIELDS,
  DOCUMENT_ENTITIES,
  COUNTERPARTY_ENTITY,
  COUNTERPARTY_FIELDS,
  DOCUMENT_FIELDS,
  EMPTY_GUID,
  ENTITY_PROPERTIES,
  PAYMENT_ENTITIES,
  PAYMENT_LINES,
  SHIPMENT_ORDER,
  documentKindOf,
  entityNameOf,
  isOnecEntity,
  type DocumentEntity,
  type LinkField,
  type OnecEntity,
} from './entities';

/** One OData JSON object read: the contract object, or why not (in Russian, for the inbox). */
export type OnecRead =
  | { ok: true; entity: OnecEntity; object: OnecObject }
  | { ok: false; entity: string | null; refKey: string | null; dataVersion: string | null; reason: string };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LOCAL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

class Unreadable extends Error {}

type Fields = Record<string, unknown>;

function text(o: Fields, field: string): string | null {
  const v = o[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw new Unreadable(`${field}: ожидается строка, получено ${JSON.stringify(v)}`);
  const s = String(v).trim();
  return s === '' ? null : s;
}

function missing(field: string): never {
  throw new Unreadable(`нет поля ${field}`);
}

function required(o: Fields, field: string): string {
  return text(o, field) ?? missing(field);
}

/** A reference: a guid, with 1C's empty guid (and an empty string) meaning "not filled". */
function ref(o: Fields, field: string): string | null {
  const v = text(o, field);
  if (v === null || v === EMPTY_GUID) return null;
  if (!GUID.test(v)) throw new Unreadable(`${field}: не GUID: "${v}"`);
  return v.toLowerCase();
}

function flag(o: Fields, field: string, fallback?: boolean): boolean {
  const v = o[field];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'boolean') throw new Unreadable(`${field}: ожидается true/false, получено ${JSON.stringify(v ?? null)}`);
  return v;
}

/** Rubles as 1C writes them (a JSON number, or a numeric string for Edm.Decimal) → kopecks. */
function kopecks(o: Fields, field: string): number {
  const v = o[field];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new Unreadable(`${field}: не число: ${JSON.stringify(v ?? null)}`);
  return Math.round(n * 100);
}

function localTime(o: Fields, field: string): string {
  const v = required(o, field);
  const m = LOCAL_TIME.exec(v);
  const [y, mo, d, h, mi, s] = (m ?? []).slice(1).map(Number) as number[];
  const valid =
    m && mo! >= 1 && mo! <= 12 && d! >= 1 && d! <= new Date(Date.UTC(y!, mo!, 0)).getUTCDate() && h! < 24 && mi! < 60 && s! < 60;
  if (!valid) throw new Unreadable(`${field}: не дата 1С вида ГГГГ-ММ-ДДTчч:мм:сс: "${v}"`);
  return v;
}

/** A composite reference's type ("StandardODATA.Document_ЗаказКлиента") as a bare entity name. */
function refType(o: Fields, field: string): string | null {
  const name = entityNameOf(o[field]);
  return name === null || name === 'Undefined' ? null : name;
}

function readCounterparty(o: Fields) {
  if (o[COUNTERPARTY_FIELDS.isFolder] === true) throw new Unreadable('это группа справочника Контрагенты, а не контрагент');
  return OnecCounterparty.safeParse({
    refKey: requiredRef(o),
    name:
      text(o, COUNTERPARTY_FIELDS.name) ??
      text(o, COUNTERPARTY_FIELDS.nameAlias) ??
      missing(`${COUNTERPARTY_FIELDS.name} (${COUNTERPARTY_FIELDS.nameAlias})`),
    fullName: text(o, COUNTERPARTY_FIELDS.fullName),
    inn: text(o, COUNTERPARTY_FIELDS.inn),
    kpp: text(o, COUNTERPARTY_FIELDS.kpp),
    dataVersion: required(o, COMMON_FIELDS.version),
    deletionMark: flag(o, COMMON_FIELDS.deletionMark, false),
  });
}

/** Entity types a link may point at that Voronka keeps: a payment's basis may also be a Соглашение or a Договор. */
const LINKABLE = new Set<string>(Object.keys(DOCUMENT_ENTITIES));

/**
 * The first filled link of `links` that points at a document Voronka keeps: its key and entity
 * type. A link whose type names something else (an agreement, a return request) is passed over; a
 * link without a type property (`ОбъектРасчетов_Key`, or a pushed object that left `_Type` out) is
 * taken as it is.
 */
function firstLink(o: Fields, links: readonly LinkField[]): { ref: string; type: string | null } | null {
  for (const link of links) {
    const key = ref(o, link.ref);
    if (key === null) continue;
    const typed = link.type !== undefined && o[link.type] !== undefined && o[link.type] !== null;
    const type = typed ? refType(o, link.type!) : null;
    if (typed && (type === null || !LINKABLE.has(type))) continue;
    return { ref: key, type };
  }
  return null;
}

function paymentLines(o: Fields) {
  const rows = o[PAYMENT_LINES.section];
  if (rows === undefined || rows === null) return [];
  if (!Array.isArray(rows)) throw new Unreadable(`${PAYMENT_LINES.section}: ожидается массив строк`);
  return rows.map((row: unknown, i) => {
    if (typeof row !== 'object' || row === null) throw new Unreadable(`${PAYMENT_LINES.section}[${i}]: ожидается объект`);
    const line = row as Fields;
    try {
      return { basisRef: firstLink(line, PAYMENT_LINES.links)?.ref ?? null, amountKopecks: kopecks(line, PAYMENT_LINES.amount) };
    } catch (err) {
      throw new Unreadable(`${PAYMENT_LINES.section}[${i}].${(err as Error).message}`);
    }
  });
}

/** ДокументОснование; a shipment without one (or a base without the field) names its order in ЗаказКлиента. */
function basisOf(o: Fields, entity: DocumentEntity): { ref: string; type: string | null } | null {
  const basisRef = ref(o, DOCUMENT_FIELDS.basis);
  if (basisRef !== null) return { ref: basisRef, type: refType(o, DOCUMENT_FIELDS.basisType) };
  return entity === 'Document_РеализацияТоваровУслуг' ? firstLink(o, [SHIPMENT_ORDER]) : null;
}

function readDocument(o: Fields, entity: DocumentEntity) {
  const basis = basisOf(o, entity);
  return OnecDocument.safeParse({
    refKey: requiredRef(o),
    kind: documentKindOf(entity),
    number: required(o, DOCUMENT_FIELDS.number),
    dateLocal: localTime(o, DOCUMENT_FIELDS.date),
    posted: flag(o, DOCUMENT_FIELDS.posted),
    deletionMark: flag(o, COMMON_FIELDS.deletionMark),
    dataVersion: required(o, COMMON_FIELDS.version),
    counterpartyRef: ref(o, DOCUMENT_FIELDS.counterparty),
    amountKopecks: kopecks(o, DOCUMENT_FIELDS.amount),
    // Amounts are kopecks of rubles; a non-empty Валюта_Key is kept as the 1C reference it is.
    currency: ref(o, DOCUMENT_FIELDS.currency) ?? 'RUB',
    basisRef: basis?.ref ?? null,
    basisType: basis?.type ?? null,
    paymentLines: PAYMENT_ENTITIES.includes(entity) ? paymentLines(o) : [],
  });
}

function requiredRef(o: Fields): string {
  required(o, COMMON_FIELDS.ref);
  const key = ref(o, COMMON_FIELDS.ref);
  if (key === null) throw new Unreadable(`${COMMON_FIELDS.ref} пустой`);
  return key;
}

/** The entity an item names for itself, else the one its batch or URL names. */
function entityOf(o: Fields, fallback: string | null): string | null {
  for (const property of ENTITY_PROPERTIES) {
    const name = entityNameOf(o[property]);
    if (name) return name;
  }
  return fallback;
}

/**
 * Reads one object of the OData standard interface's JSON (pulled, or pushed by a 1C HTTP
 * service). `entity` is what the URL or the batch says when the item does not name itself.
 */
export function readOnecObject(raw: unknown, entity: string | null = null): OnecRead {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, entity, refKey: null, dataVersion: null, reason: 'объект 1С должен быть JSON-объектом' };
  }
  const o = raw as Fields;
  const name = entityOf(o, entity);
  const refKey = typeof o[COMMON_FIELDS.ref] === 'string' ? (o[COMMON_FIELDS.ref] as string) : null;
  const dataVersion = typeof o[COMMON_FIELDS.version] === 'string' ? (o[COMMON_FIELDS.version] as string) : null;
  const refuse = (reason: string): OnecRead => ({ ok: false, entity: name, refKey, dataVersion, reason });
  if (name === null) return refuse('не указан тип объекта 1С (entity или odata.type)');
  if (!isOnecEntity(name)) return refuse(`неизвестный тип объекта 1С: ${name}`);
  try {
    const parsed = name === COUNTERPARTY_ENTITY ? readCounterparty(o) : readDocument(o, name);
    if (!parsed.success) {
      return refuse(parsed.error.issues.map((i) => `${i.path.join('.') || 'объект'}: ${i.message}`).join('; '));
    }
    const object =
      name === COUNTERPARTY_ENTITY
        ? { type: 'counterparty' as const, value: parsed.data as OnecCounterparty }
        : { type: 'document' as const, value: parsed.data as OnecDocument };
    return { ok: true, entity: name, object };
  } catch (err) {
    if (err instanceof Unreadable) return refuse(err.message);
    throw err;
  }
}
