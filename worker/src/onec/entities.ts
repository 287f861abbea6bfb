import type { OnecDocumentKind } from '../../../schema/contracts';

/**
 * The one place that knows 1C:УТ 11 names: entity sets of the OData standard interface and the
 * fields the adapter reads or writes. Names marked *unconfirmed* are guesses from the configuration's
 * documentation; a wrong guess is a one-line fix here (docs/1c.md lists them).
 */

export const COUNTERPARTY_ENTITY = 'Catalog_Контрагенты';

export const DOCUMENT_ENTITIES = {
  Document_ЗаказКлиента: 'order',
  Document_СчетНаОплатуКлиенту: 'invoice',
  Document_ПоступлениеБезналичныхДенежныхСредств: 'payment_bank',
  Document_ПриходныйКассовыйОрдер: 'payment_cash',
  Document_РеализацияТоваровУслуг: 'shipment',
} as const satisfies Record<string, OnecDocumentKind>;

export type DocumentEntity = keyof typeof DOCUMENT_ENTITIES;
export type OnecEntity = typeof COUNTERPARTY_ENTITY | DocumentEntity;

/** The pull order: counterparties first, then documents the way a deal goes (a basis before what follows it). */
export const PULL_ENTITIES: readonly OnecEntity[] = [COUNTERPARTY_ENTITY, ...(Object.keys(DOCUMENT_ENTITIES) as DocumentEntity[])];

export function isOnecEntity(name: string): name is OnecEntity {
  return name === COUNTERPARTY_ENTITY || Object.hasOwn(DOCUMENT_ENTITIES, name);
}

export function documentKindOf(entity: string): OnecDocumentKind | null {
  return Object.hasOwn(DOCUMENT_ENTITIES, entity) ? DOCUMENT_ENTITIES[entity as DocumentEntity] : null;
}

/** 1C's "empty reference". */
export const EMPTY_GUID = '00000000-0000-0000-0000-000000000000';

/** Fields every object of the standard interface carries. */
export const COMMON_FIELDS = { ref: 'Ref_Key', version: 'DataVersion', deletionMark: 'DeletionMark' } as const;

export const DOCUMENT_FIELDS = {
  number: 'Number',
  date: 'Date',
  posted: 'Posted',
  counterparty: 'Контрагент_Key',
  amount: 'СуммаДокумента',
  currency: 'Валюта_Key',
  /** A composite reference: the value and its entity type come as two properties. */
  basis: 'ДокументОснование',
  basisType: 'ДокументОснование_Type',
} as const;

/** A reference the adapter follows: its value, and for a composite one the property naming its entity type. */
export interface LinkField {
  ref: string;
  type?: string;
}

/**
 * What a shipment names as its order. УТ 11.4 and 11.5 both carry `ЗаказКлиента` (composite: an
 * order, or a return request); a base may have no ДокументОснование on Реализация at all.
 */
export const SHIPMENT_ORDER: LinkField = { ref: 'ЗаказКлиента', type: 'ЗаказКлиента_Type' };

/**
 * РасшифровкаПлатежа rows of both payment documents: what a row pays, in the order tried.
 * УТ 11.5 (the current release): `ОснованиеПлатежа` (composite) and `ОбъектРасчетов_Key` (a
 * Catalog_ОбъектыРасчетов reference — taken as the key of the order it settles, *unconfirmed*, see
 * docs/1c.md); УТ 11.4: `Заказ` (composite).
 */
export const PAYMENT_LINES = {
  section: 'РасшифровкаПлатежа',
  links: [
    { ref: 'ОснованиеПлатежа', type: 'ОснованиеПлатежа_Type' },
    { ref: 'ОбъектРасчетов_Key' },
    { ref: 'Заказ', type: 'Заказ_Type' },
  ] satisfies LinkField[],
  amount: 'Сумма',
} as const;

export const PAYMENT_ENTITIES: readonly DocumentEntity[] = [
  'Document_ПоступлениеБезналичныхДенежныхСредств',
  'Document_ПриходныйКассовыйОрдер',
];

export const COUNTERPARTY_FIELDS = {
  /**
   * Наименование is a standard attribute, which the standard interface names in English
   * (Description, like Code, Ref_Key). We write and select Description and also read Наименование.
   */
  name: 'Description',
  nameAlias: 'Наименование',
  fullName: 'НаименованиеПолное',
  inn: 'ИНН',
  kpp: 'КПП',
  /** Present only if the catalog is hierarchical (*unconfirmed* for УТ 11): groups are not counterparties. */
  isFolder: 'IsFolder',
} as const;

/**
 * How an item of a pushed batch may name its entity (the OData type carries a namespace prefix); a
 * single object as 1C answers it carries `odata.metadata: "…/$metadata#Catalog_Контрагенты/@Element"`.
 */
export const ENTITY_PROPERTIES = ['entity', 'odata.type', 'odata.metadata'] as const;
export const ODATA_TYPE_PREFIX = 'StandardODATA.';

/** Entity name from an OData type or a `$metadata#Entity` reference; null when there is none. */
export function entityNameOf(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  let name = value.trim();
  const hash = name.lastIndexOf('#');
  if (hash >= 0) name = name.slice(hash + 1).replace(/\/@Element$/, '');
  return name.startsWith(ODATA_TYPE_PREFIX) ? name.slice(ODATA_TYPE_PREFIX.length) : name;
}

const linkFields = (links: readonly LinkField[]) => links.flatMap((l) => (l.type ? [l.ref, l.type] : [l.ref]));

/** The fields read.ts cannot do without, per entity: an entity type of the base lacking one cannot be pulled. */
export function requiredFieldsFor(entity: OnecEntity): string[] {
  if (entity === COUNTERPARTY_ENTITY) return [COMMON_FIELDS.ref, COMMON_FIELDS.version];
  const { number, date, posted, counterparty, amount } = DOCUMENT_FIELDS;
  return [...Object.values(COMMON_FIELDS), number, date, posted, counterparty, amount];
}

/** Every field read.ts may use, under the names of both releases (11.4 and 11.5). */
function candidateFieldsFor(entity: OnecEntity): string[] {
  const common = Object.values(COMMON_FIELDS);
  if (entity === COUNTERPARTY_ENTITY) {
    const { name, nameAlias, fullName, inn, kpp, isFolder } = COUNTERPARTY_FIELDS;
    return [...common, name, nameAlias, fullName, inn, kpp, isFolder];
  }
  return [
    ...common,
    ...Object.values(DOCUMENT_FIELDS),
    ...(entity === 'Document_РеализацияТоваровУслуг' ? linkFields([SHIPMENT_ORDER]) : []),
    ...(PAYMENT_ENTITIES.includes(entity) ? [PAYMENT_LINES.section] : []),
  ];
}

/**
 * What the pull asks for (`$select`): of what read.ts uses, only the properties the base's
 * `$metadata` gives the entity type (`available`) — 1C answers 400 to a property it does not have,
 * and only what is read keeps pages and inbox rows small.
 */
export function selectFor(entity: OnecEntity, available: ReadonlySet<string>): string[] {
  return candidateFieldsFor(entity).filter((f) => available.has(f));
}

/** The 1C name of a tabular section's row type in `$metadata`. */
export const rowTypeName = (entity: string, section: string) => `${entity}_${section}_RowType`;

/**
 * Which release's payment links a base has, told by the row type of РасшифровкаПлатежа of the bank
 * payment: 11.5 (`ОбъектРасчетов_Key` / `ОснованиеПлатежа`) or 11.4 (`Заказ`); null when neither.
 */
export function paymentLinkRelease(rowFields: ReadonlySet<string>): '11.4' | '11.5' | null {
  if (rowFields.has('ОснованиеПлатежа') || rowFields.has('ОбъектРасчетов_Key')) return '11.5';
  return rowFields.has('Заказ') ? '11.4' : null;
}

/** Catalog_Контрагенты.Наименование is 100 characters in the typical configuration (*unconfirmed*). */
const NAME_MAX = 100;

export interface OutgoingContact {
  name: string;
  position: string | null;
  points: { kind: 'phone' | 'email'; value: string; extension: string | null }[];
}

/**
 * The body of `POST Catalog_Контрагенты` for a company made in Voronka. Contacts go as rows of the
 * КонтактнаяИнформация tabular section (*unconfirmed*: the row fields, and whether the base needs
 * a Вид_Key of Catalog_ВидыКонтактнойИнформации on each row).
 */
export function counterpartyForOnec(
  company: { name: string; inn: string | null; kpp: string | null },
  contacts: OutgoingContact[],
): Record<string, unknown> {
  const rows = contacts.flatMap((c) =>
    c.points.map((p) => {
      const shown = p.extension ? `${p.value} доб. ${p.extension}` : p.value;
      const note = [c.name, c.position].filter(Boolean).join(', ');
      return p.kind === 'phone'
        ? { Тип: 'Телефон', Представление: shown, НомерТелефона: p.value, Комментарий: note }
        : { Тип: 'АдресЭлектроннойПочты', Представление: shown, АдресЭП: p.value, Комментарий: note };
    }),
  );
  return {
    [COUNTERPARTY_FIELDS.name]: company.name.slice(0, NAME_MAX),
    [COUNTERPARTY_FIELDS.fullName]: company.name,
    [COUNTERPARTY_FIELDS.inn]: company.inn ?? '',
    [COUNTERPARTY_FIELDS.kpp]: company.kpp ?? '',
    КонтактнаяИнформация: rows.map((row, i) => ({ LineNumber: String(i + 1), ...row })),
  };
}
