import { strFromU8, unzipSync } from 'fflate';
import { SpreadsheetError, type SheetRow } from './sheet';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DOC_REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Rows parsed per DOMParser call: a 100,000-row sheet never becomes one huge DOM. */
const ROWS_PER_PIECE = 5000;

/** The slice of the DOM the reader uses, so it runs on the browser's DOMParser or on any W3C one in tests. */
export interface XmlElement {
  readonly localName: string | null;
  readonly textContent: string | null;
  readonly parentNode: { readonly localName?: string | null } | null;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string | null, localName: string): string | null;
  getElementsByTagNameNS(namespace: string | null, localName: string): ArrayLike<XmlElement>;
}
export interface XmlDocument {
  getElementsByTagNameNS(namespace: string | null, localName: string): ArrayLike<XmlElement>;
}
export interface XmlParser {
  parseFromString(text: string, mimeType: 'application/xml'): XmlDocument;
}

function browserParser(): XmlParser {
  const { DOMParser } = globalThis as unknown as { DOMParser?: new () => XmlParser };
  if (!DOMParser) throw new Error('DOMParser is not available here: pass a parser');
  return new DOMParser();
}

function parseXml(parser: XmlParser, text: string): XmlDocument {
  let doc: XmlDocument;
  try {
    doc = parser.parseFromString(text, 'application/xml');
  } catch {
    throw new SpreadsheetError('badXml');
  }
  // Browsers report bad XML as a <parsererror> element instead of throwing.
  if (doc.getElementsByTagNameNS('*', 'parsererror').length) throw new SpreadsheetError('badXml');
  return doc;
}

const each = <T>(list: ArrayLike<T>): T[] => Array.from(list);

/** Text of a string item (<si> or <is>): its runs joined, phonetic hints (<rPh>) left out. */
function richText(item: XmlElement): string {
  return each(item.getElementsByTagNameNS(MAIN_NS, 't'))
    .filter((t) => t.parentNode?.localName !== 'rPh')
    .map((t) => t.textContent ?? '')
    .join('');
}

/**
 * A numeric cell as a person reads it: integers as their digits (an ИНН stored as a number keeps
 * all of them, no ".0", no exponent), other numbers with Excel's 15 significant digits.
 */
export function formatNumber(raw: string): string {
  const text = raw.trim();
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return text;
  const value = Number(Number(text).toPrecision(15));
  if (!Number.isFinite(value)) return text;
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

/** "BC12" → 54 (0-based column); null when the reference has no letters. */
function columnOf(ref: string | null): number | null {
  const letters = ref ? /^[A-Z]+/i.exec(ref)?.[0] : undefined;
  if (!letters) return null;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function cellText(cell: XmlElement, shared: string[]): string {
  const type = cell.getAttribute('t') ?? 'n';
  if (type === 'inlineStr') {
    const inline = cell.getElementsByTagNameNS(MAIN_NS, 'is')[0];
    return inline ? richText(inline) : '';
  }
  const value = cell.getElementsByTagNameNS(MAIN_NS, 'v')[0]?.textContent ?? '';
  if (type === 's') return shared[Number(value)] ?? '';
  if (type === 'e') return '';
  if (type === 'n') return formatNumber(value);
  return value; // str (formula text), b (0/1), d (ISO date)
}

function readRows(doc: XmlDocument, shared: string[], rows: SheetRow[]): void {
  for (const row of each(doc.getElementsByTagNameNS(MAIN_NS, 'row'))) {
    const rowNo = Number(row.getAttribute('r')) || (rows[rows.length - 1]?.rowNo ?? 0) + 1;
    const cells: string[] = [];
    for (const cell of each(row.getElementsByTagNameNS(MAIN_NS, 'c'))) {
      const col = columnOf(cell.getAttribute('r')) ?? cells.length;
      while (cells.length < col) cells.push('');
      cells[col] = cellText(cell, shared);
    }
    rows.push({ rowNo, cells });
  }
}

/**
 * The rows of <sheetData> parsed piece by piece: each piece is a run of whole rows wrapped in an
 * element carrying the worksheet's namespace declarations, so prefixed names still resolve.
 */
function readSheet(parser: XmlParser, xml: string, shared: string[]): SheetRow[] {
  const root = /<([\w.-]+:)?worksheet\b([^>]*)>/.exec(xml);
  const prefix = root?.[1] ?? '';
  const namespaces = (root?.[2] ?? '').match(/\sxmlns(:[\w.-]+)?\s*=\s*("[^"]*"|'[^']*')/g)?.join('') ?? ` xmlns="${MAIN_NS}"`;
  const open = new RegExp(`<${prefix}sheetData\\b[^>]*?(/?)>`).exec(xml);
  if (!open || open[1] === '/') return [];
  const start = open.index + open[0].length;
  const end = xml.indexOf(`</${prefix}sheetData>`, start);
  const body = xml.slice(start, end < 0 ? xml.length : end);
  const rowEnd = `</${prefix}row>`;
  const rows: SheetRow[] = [];
  let from = 0;
  while (from < body.length) {
    let to = from;
    for (let n = 0; n < ROWS_PER_PIECE; n++) {
      const next = body.indexOf(rowEnd, to);
      if (next < 0) {
        to = body.length;
        break;
      }
      to = next + rowEnd.length;
    }
    const piece = body.slice(from, to);
    if (piece.trim()) readRows(parseXml(parser, `<${prefix}sheetData${namespaces}>${piece}</${prefix}sheetData>`), shared, rows);
    from = to;
  }
  return rows;
}

/** The part name a relationship target points to, relative to the folder of its source part. */
function resolvePart(base: string, target: string): string {
  const parts = target.startsWith('/') ? [] : base.split('/').slice(0, -1);
  for (const seg of target.replace(/^\//, '').split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const SHARED_STRINGS = 'xl/sharedStrings.xml';

/** The first worksheet in workbook order, as the workbook and its relationships name it. */
function firstSheetPath(parser: XmlParser, parts: Record<string, Uint8Array>, names: string[]): string | undefined {
  const workbook = parts[WORKBOOK];
  const rels = parts[WORKBOOK_RELS];
  if (workbook && rels) {
    const sheet = parseXml(parser, strFromU8(workbook)).getElementsByTagNameNS(MAIN_NS, 'sheet')[0];
    const relId = sheet?.getAttributeNS(DOC_REL_NS, 'id');
    const rel = each(parseXml(parser, strFromU8(rels)).getElementsByTagNameNS(PKG_REL_NS, 'Relationship')).find(
      (r) => r.getAttribute('Id') === relId,
    );
    const target = rel?.getAttribute('Target');
    if (target && names.includes(resolvePart(WORKBOOK, target))) return resolvePart(WORKBOOK, target);
  }
  return names.filter((name) => /^xl\/worksheets\/[^/]+\.xml$/.test(name)).sort()[0];
}

function unzipParts(bytes: Uint8Array, wanted: (name: string) => boolean): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes, { filter: (f) => wanted(f.name) });
  } catch {
    throw new SpreadsheetError('notXlsx');
  }
}

/**
 * The first worksheet of an .xlsx as rows of text. Styles are ignored (a date shows as Excel's
 * day number); shared and inline strings, numbers and formula results are read.
 */
export function readXlsx(bytes: Uint8Array, parser: XmlParser = browserParser()): SheetRow[] {
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new SpreadsheetError('oldXls');
  }
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) throw new SpreadsheetError('notXlsx');
  // Two passes over the zip directory: the small parts that name the first sheet, then only that sheet.
  const names: string[] = [];
  const meta = unzipParts(bytes, (name) => {
    names.push(name);
    return name === WORKBOOK || name === WORKBOOK_RELS;
  });
  const sheetPath = firstSheetPath(parser, meta, names);
  if (!sheetPath) throw new SpreadsheetError('noSheet');
  const parts = unzipParts(bytes, (name) => name === sheetPath || name === SHARED_STRINGS);
  const sharedBytes = parts[SHARED_STRINGS];
  const shared = sharedBytes ? each(parseXml(parser, strFromU8(sharedBytes)).getElementsByTagNameNS(MAIN_NS, 'si')).map(richText) : [];
  return readSheet(parser, strFromU8(parts[sheetPath] ?? new Uint8Array()), shared);
}
