import type { ImportRow } from '../../../schema/contracts';
import type { ImportFieldName } from '../../../schema/domain/import-fields';
import type { SheetRow } from './sheet';

export type Field = ImportFieldName;

/**
 * Header words managers actually use, after normalizeHeader (lower case, ё→е, punctuation gone).
 * A header matches a synonym exactly or starts with it as whole words ("Телефон контактного лица").
 */
export const FIELD_SYNONYMS: Record<Field, string[]> = {
  name: ['наименование', 'организация', 'компания', 'клиент', 'контрагент', 'название', 'покупатель', 'name', 'company'],
  inn: ['инн', 'inn'],
  kpp: ['кпп', 'kpp'],
  phone: ['телефон', 'телефоны', 'тел', 'моб', 'мобильный', 'сотовый', 'контактный телефон', 'рабочий телефон', 'phone', 'tel', 'mobile'],
  email: [
    'e mail',
    'email',
    'емейл',
    'имейл',
    'почта',
    'эл почта',
    'электронная почта',
    'адрес эл почты',
    'адрес электронной почты',
    'контактный e mail',
    'контактный email',
    'mail',
  ],
  contact: ['контактное лицо', 'контактные лица', 'фио', 'контакт', 'contact'],
  position: ['должность', 'position'],
  region: ['регион', 'город', 'область', 'region', 'city'],
  comment: ['комментарий', 'комментарии', 'примечание', 'примечания', 'заметки', 'заметка', 'comment', 'note', 'notes'],
};

/** Several columns may feed these (two phone columns, «Комментарий» and «Примечание»); the others take one. */
const MULTI: ReadonlySet<Field> = new Set(['phone', 'email', 'comment']);

export function normalizeHeader(header: string): string {
  return header
    .toLocaleLowerCase('ru')
    .replace(/ё/g, 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The field a header names, or null. Exact synonyms win over prefixes ("Контактное лицо" is not "контакт…" by chance). */
export function fieldOfHeader(header: string): Field | null {
  const h = normalizeHeader(header);
  if (!h) return null;
  const fields = Object.keys(FIELD_SYNONYMS) as Field[];
  return (
    fields.find((f) => FIELD_SYNONYMS[f].includes(h)) ?? fields.find((f) => FIELD_SYNONYMS[f].some((s) => h.startsWith(`${s} `))) ?? null
  );
}

/** Each column's field; a single-valued field goes to the first column that names it. */
export function autoMap(headers: string[]): (Field | null)[] {
  const taken = new Set<Field>();
  return headers.map((h) => {
    const field = fieldOfHeader(h);
    if (!field || (taken.has(field) && !MULTI.has(field))) return null;
    taken.add(field);
    return field;
  });
}

const isBlank = (row: SheetRow) => row.cells.every((c) => c.trim() === '');

/**
 * The header row: the first of the first ten non-empty rows in which some cell names a field
 * (title lines such as «Клиенты на 01.03» above the table are skipped); -1 when there is none.
 */
export function findHeaderRow(rows: SheetRow[], scan = 10): number {
  let seen = 0;
  for (let i = 0; i < rows.length && seen < scan; i++) {
    if (isBlank(rows[i]!)) continue;
    seen++;
    if (rows[i]!.cells.some((c) => fieldOfHeader(c) !== null)) return i;
  }
  return -1;
}

/** The first non-empty row, used as the header when no row names a field (the user maps by hand). */
export function firstFilledRow(rows: SheetRow[]): number {
  return rows.findIndex((r) => !isBlank(r));
}

/** The rows below the header that have anything in them: empty lines are not rows of the file. */
export function dataRows(rows: SheetRow[], headerIndex: number): SheetRow[] {
  return rows.slice(headerIndex + 1).filter((r) => !isBlank(r));
}

/** Spreadsheet rows → API rows by the chosen mapping; several columns of one field are joined with "; ". */
export function toImportRows(rows: SheetRow[], mapping: (Field | null)[]): ImportRow[] {
  return rows.map((row) => {
    const out: ImportRow = { rowNo: row.rowNo };
    mapping.forEach((field, col) => {
      const value = row.cells[col]?.trim();
      if (!field || !value) return;
      out[field] = out[field] && MULTI.has(field) ? `${out[field]}; ${value}` : (out[field] ?? value);
    });
    return out;
  });
}

/** The mapping as the import records it: header text (or «Колонка N») → field, mapped columns only. */
export function describeMapping(headers: string[], mapping: (Field | null)[]): Record<string, Field> {
  const out: Record<string, Field> = {};
  mapping.forEach((field, col) => {
    if (!field) return;
    const header = headers[col]?.trim().slice(0, 150) || `Колонка ${col + 1}`;
    out[header in out ? `${header} (${col + 1})` : header] = field;
  });
  return out;
}
