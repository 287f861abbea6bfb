/**
 * A small XLSX writer for report exports: typed columns, inline strings, one style per kind.
 * Runs anywhere fflate does (Workers, Node, browsers); numbers are written as exact decimal text.
 */
import { strToU8, zipSync } from 'fflate';
import { knownTimeZone } from './ru-format';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * What a column holds and how Excel shows it:
 * - text: string (numbers are written as their digits, kept as text — ИНН, phones, ids);
 * - int: a safe integer, shown as 1 234;
 * - money: integer kopecks, shown as roubles 1 234,56 ₽;
 * - percent: integer basis points (8000 = 80,00 %);
 * - date: 'YYYY-MM-DD', or epoch ms taken as a day in `timeZone`; shown as dd.mm.yyyy;
 * - datetime: epoch ms (converted to `timeZone`) or a local 'YYYY-MM-DDTHH:mm[:ss]' taken as is;
 *   shown as dd.mm.yyyy hh:mm.
 */
export type XlsxColumnKind = 'text' | 'int' | 'money' | 'percent' | 'date' | 'datetime';

export interface XlsxColumn {
  header: string;
  kind: XlsxColumnKind;
  /** Width in characters; by default fitted to the header and the values (8…60). */
  width?: number;
}

export type XlsxValue = string | number | null;

export interface XlsxSheet {
  /** Sanitised for Excel: []:*?/\ removed, at most 31 characters, unique in the workbook. */
  name: string;
  columns: XlsxColumn[];
  /** One value per column; null or a missing value leaves the cell empty. */
  rows: XlsxValue[][];
}

export interface XlsxOptions {
  /** IANA zone that epoch-ms dates and datetimes are shown in; unknown or absent → Europe/Moscow. */
  timeZone?: string;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const DOC_REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel's limits: 31 characters in a sheet name, 32,767 in a cell. */
const MAX_SHEET_NAME = 31;
const MAX_CELL_TEXT = 32767;

/** Cell style ids, in the order of <cellXfs> in styles.xml below. */
const STYLE = { text: 0, header: 1, int: 2, money: 3, percent: 4, date: 5, datetime: 6 } as const;

/**
 * Format codes are stored in Excel's invariant form: "," and "." become the viewer's separators,
 * so Russian Excel and LibreOffice show 1 234,56 ₽. Escaped dots stay dots in every locale.
 */
export const XLSX_NUMBER_FORMATS = {
  int: '#,##0',
  money: '#,##0.00\\ "₽"',
  percent: '0.00%',
  date: 'dd\\.mm\\.yyyy',
  datetime: 'dd\\.mm\\.yyyy\\ hh:mm',
} as const;

// Everything XML 1.0 forbids: C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF.
const XML_FORBIDDEN = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text made safe for XML content and attributes: forbidden characters dropped, & < > " escaped. */
export function xmlText(value: string): string {
  return value.replace(XML_FORBIDDEN, '').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);
}

/** Cell text: Excel reads "_x0041_" as an escape, so a literal one gets its "_" escaped; CR/CRLF → LF. */
function cellString(value: string): string {
  let s = value
    .replace(/\r\n?/g, '\n')
    .replace(XML_FORBIDDEN, '')
    .replace(/_(x[0-9a-fA-F]{4}_)/g, '_x005F_$1');
  if (s.length > MAX_CELL_TEXT) s = s.slice(0, /[\uD800-\uDBFF]/.test(s[MAX_CELL_TEXT - 1] ?? '') ? MAX_CELL_TEXT - 1 : MAX_CELL_TEXT);
  return xmlText(s);
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** An integer divided by 10^digits as an exact decimal string, from integer arithmetic only. */
function scaledDecimal(value: number, digits: number, keepZeros: boolean): string {
  const scale = 10 ** digits;
  const abs = Math.abs(value);
  const frac = abs % scale;
  const whole = (abs - frac) / scale; // exact: abs - frac is a multiple of scale below 2^53
  let fracText = String(frac).padStart(digits, '0');
  if (!keepZeros) fracText = fracText.replace(/0+$/, '');
  return `${value < 0 ? '-' : ''}${whole}${fracText ? `.${fracText}` : ''}`;
}

/** Kopecks → roubles as an exact decimal ("-1.50", "90071992547409.91"). */
export function kopecksToDecimal(kopecks: number): string {
  return scaledDecimal(kopecks, 2, true);
}

/** Basis points → the fraction Excel's percent format expects (8000 → "0.8"). */
export function basisPointsToDecimal(basisPoints: number): string {
  return scaledDecimal(basisPoints, 4, false);
}

const DAY_MS = 86_400_000;
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * Excel's day number of a calendar date (1900 date system). Excel counts a 29 February 1900 that
 * never was (serial 60), so days before 1 March 1900 are one lower than plain arithmetic gives.
 * Null when the date is not a real day in 1900…9999.
 */
export function excelDateSerial(year: number, month: number, day: number): number | null {
  if (year < 1900 || year > 9999) return null;
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  const serial = (ms - EXCEL_EPOCH_MS) / DAY_MS;
  return serial < 61 ? serial - 1 : serial;
}

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

interface WallClock {
  year: number;
  month: number;
  day: number;
  seconds: number;
}

interface ZoneClock {
  format: Intl.DateTimeFormat;
  offsets: Map<number, number>;
}

function zoneClock(timeZone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return { format, offsets: new Map() };
}

/**
 * Epoch ms → the wall clock in a zone. One formatter per workbook, and the offset cached per quarter
 * hour (zones change offset only on those), so a year of calls costs a few thousand Intl calls.
 */
function wallClock(ms: number, zone: ZoneClock): WallClock {
  const bucket = Math.floor(ms / 900_000);
  let offset = zone.offsets.get(bucket);
  if (offset === undefined) {
    const at = bucket * 900_000;
    const parts = zone.format.formatToParts(at);
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    offset = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - at;
    zone.offsets.set(bucket, offset);
  }
  const local = new Date(Math.floor((ms + offset) / 1000) * 1000);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    seconds: local.getUTCHours() * 3600 + local.getUTCMinutes() * 60 + local.getUTCSeconds(),
  };
}

/** The serial of a wall-clock time, as one correctly rounded division (12:30 shows as 12:30, not 12:29). */
function serialOf(clock: WallClock): number | null {
  const days = excelDateSerial(clock.year, clock.month, clock.day);
  return days === null ? null : (days * 86400 + clock.seconds) / 86400;
}

interface CellContext {
  sheet: string;
  row: number;
  column: XlsxColumn;
  zone: ZoneClock;
}

function invalid(ctx: CellContext, value: XlsxValue, expected: string): never {
  throw new RangeError(
    `xlsx: sheet «${ctx.sheet}», row ${ctx.row}, column «${ctx.column.header}» (${ctx.column.kind}): ${JSON.stringify(value)} is not ${expected}`,
  );
}

/** The <v> text of a numeric cell, or throws naming the sheet, row and column. */
function numericValue(value: string | number, ctx: CellContext): string {
  switch (ctx.column.kind) {
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : invalid(ctx, value, 'a safe integer');
    case 'money':
      return typeof value === 'number' && Number.isSafeInteger(value) ? kopecksToDecimal(value) : invalid(ctx, value, 'integer kopecks');
    case 'percent':
      return typeof value === 'number' && Number.isSafeInteger(value)
        ? basisPointsToDecimal(value)
        : invalid(ctx, value, 'integer basis points');
    case 'date': {
      let serial: number | null = null;
      if (typeof value === 'number' && Number.isFinite(value)) {
        const clock = wallClock(value, ctx.zone);
        serial = excelDateSerial(clock.year, clock.month, clock.day);
      } else if (typeof value === 'string') {
        const m = LOCAL_DATE.exec(value);
        if (m) serial = excelDateSerial(Number(m[1]), Number(m[2]), Number(m[3]));
      }
      return serial === null ? invalid(ctx, value, "a date 'YYYY-MM-DD' (1900…9999) or epoch ms") : String(serial);
    }
    case 'datetime': {
      let serial: number | null = null;
      if (typeof value === 'number' && Number.isFinite(value)) {
        serial = serialOf(wallClock(value, ctx.zone));
      } else if (typeof value === 'string') {
        const m = LOCAL_DATETIME.exec(value);
        const [h, min, s] = [Number(m?.[4]), Number(m?.[5]), Number(m?.[6] ?? 0)];
        if (m && h < 24 && min < 60 && s < 60)
          serial = serialOf({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), seconds: h * 3600 + min * 60 + s });
      }
      return serial === null ? invalid(ctx, value, "epoch ms or a local 'YYYY-MM-DDTHH:mm[:ss]' (1900…9999)") : String(serial);
    }
    case 'text':
      throw new Error('unreachable: text is not numeric');
  }
}

function cellXml(ref: string, value: XlsxValue, ctx: CellContext): string {
  if (value === null || value === '') return '';
  if (ctx.column.kind === 'text') {
    if (typeof value === 'number' && !Number.isFinite(value)) invalid(ctx, value, 'text or a finite number');
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${cellString(String(value))}</t></is></c>`;
  }
  return `<c r="${ref}" s="${STYLE[ctx.column.kind]}"><v>${numericValue(value, ctx)}</v></c>`;
}

/** Characters a value takes on screen, for the default column width. */
function shownLength(kind: XlsxColumnKind, value: XlsxValue): number {
  if (value === null || value === '') return 0;
  switch (kind) {
    case 'text':
      return Math.max(
        ...String(value)
          .split('\n')
          .map((line) => line.length),
      );
    case 'int':
      return (String(value).length * 4) / 3;
    case 'money':
      return (String(value).length * 4) / 3 + 3;
    case 'percent':
      return 8;
    case 'date':
      return 10;
    case 'datetime':
      return 16;
  }
}

function columnWidth(column: XlsxColumn, index: number, rows: XlsxValue[][]): number {
  if (column.width !== undefined && Number.isFinite(column.width) && column.width > 0) return Math.min(column.width, 255);
  let widest = column.header.length * 1.1 + 1; // the header is bold
  for (const row of rows) widest = Math.max(widest, shownLength(column.kind, row[index] ?? null));
  return Math.round(Math.min(60, Math.max(8, widest + 2)));
}

/**
 * Sheet names Excel accepts: no []:*?/\ or control characters, no apostrophe at either end, at most
 * 31 characters, unique ignoring case ("History" is reserved). Clashes get " (2)", " (3)"…
 */
export function sheetNames(names: string[]): string[] {
  const taken = new Set<string>(['history']);
  const fit = (base: string, suffix: string) => {
    let head = base;
    while (head.length + suffix.length > MAX_SHEET_NAME) head = Array.from(head).slice(0, -1).join('');
    return `${head.trimEnd()}${suffix}`;
  };
  return names.map((raw, i) => {
    const cleaned = raw
      .replace(XML_FORBIDDEN, '')
      .replace(/[[\]:*?/\\\x00-\x1F\x7F]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
    const base = cleaned || `Лист${i + 1}`;
    let name = fit(base, '');
    for (let n = 2; taken.has(name.toLowerCase()); n++) name = fit(base, ` (${n})`);
    taken.add(name.toLowerCase());
    return name;
  });
}

function worksheetXml(sheet: XlsxSheet, name: string, first: boolean, zone: ZoneClock): string {
  const { columns, rows } = sheet;
  const body: string[] = [];
  const header = columns
    .map(
      (column, c) =>
        `<c r="${columnLetter(c)}1" s="${STYLE.header}" t="inlineStr"><is><t xml:space="preserve">${cellString(column.header)}</t></is></c>`,
    )
    .join('');
  body.push(`<row r="1">${header}</row>`);
  rows.forEach((row, i) => {
    const r = i + 2;
    if (row.length > columns.length)
      throw new RangeError(`xlsx: sheet «${name}», row ${r} has ${row.length} values for ${columns.length} columns`);
    const cells = columns
      .map((column, c) => cellXml(`${columnLetter(c)}${r}`, row[c] ?? null, { sheet: name, row: r, column, zone }))
      .join('');
    body.push(`<row r="${r}">${cells}</row>`);
  });
  const lastRef = columns.length ? `${columnLetter(columns.length - 1)}${rows.length + 1}` : 'A1';
  const cols = columns.length
    ? `<cols>${columns.map((column, c) => `<col min="${c + 1}" max="${c + 1}" width="${columnWidth(column, c, rows)}" customWidth="1"/>`).join('')}</cols>`
    : '';
  return (
    `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${DOC_REL_NS}"><dimension ref="${lastRef === 'A1' ? 'A1' : `A1:${lastRef}`}"/>` +
    `<sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>${body.join('')}</sheetData>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

const STYLES_XML =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  `<numFmts count="3"><numFmt numFmtId="164" formatCode="${xmlText(XLSX_NUMBER_FORMATS.money)}"/><numFmt numFmtId="165" formatCode="${xmlText(XLSX_NUMBER_FORMATS.date)}"/><numFmt numFmtId="166" formatCode="${xmlText(XLSX_NUMBER_FORMATS.datetime)}"/></numFmts>` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFEEF1F5"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left/><right/><top/><bottom style="thin"><color rgb="FFDDE2EA"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="7">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>' +
  '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/**
 * The .xlsx bytes of a workbook: per sheet a bold, frozen header row, then the rows typed by
 * their column's kind. Throws a RangeError naming sheet, row and column for a value that does not
 * fit its kind (a float in a money column, '2026-02-30' in a date column), and for no sheets.
 */
export function xlsxWorkbook(sheets: XlsxSheet[], options: XlsxOptions = {}): Uint8Array {
  if (!sheets.length) throw new RangeError('xlsx: a workbook needs at least one sheet');
  const zone = zoneClock(knownTimeZone(options.timeZone));
  const names = sheetNames(sheets.map((s) => s.name));
  const files: Record<string, Uint8Array> = {};
  // [Content_Types].xml first: some readers look for it at the start of the archive.
  files['[Content_Types].xml'] = strToU8(
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '</Types>',
  );
  files['_rels/.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${DOC_REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${DOC_REL_NS}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>` +
      names.map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
      '</sheets></workbook>',
  );
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
      sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${DOC_REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('') +
      `<Relationship Id="rId${sheets.length + 1}" Type="${DOC_REL_NS}/styles" Target="styles.xml"/></Relationships>`,
  );
  files['xl/styles.xml'] = strToU8(STYLES_XML);
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(worksheetXml(sheet, names[i]!, i === 0, zone));
  });
  return zipSync(files, { level: 6 });
}

/** The plain filename="…" for old clients: the name itself when it is ASCII, else "report.xlsx". */
function asciiFilename(filename: string): string {
  return /^[\x20-\x7E]+$/.test(filename) ? filename.replace(/[^A-Za-z0-9 ._()-]/g, '_') : 'report.xlsx';
}

/**
 * A download of an .xlsx: RFC 6266/5987 content-disposition with an ASCII fallback and the
 * UTF-8 name (Cyrillic kept), never cached, never sniffed. ".xlsx" is added when missing.
 */
export function xlsxResponse(bytes: Uint8Array, filename: string): Response {
  const cleaned =
    filename
      .replace(/[\x00-\x1F\x7F"\\/]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'report';
  const full = /\.xlsx$/i.test(cleaned) ? cleaned : `${cleaned}.xlsx`;
  const encoded = encodeURIComponent(full).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return new Response(bytes, {
    headers: {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': `attachment; filename="${asciiFilename(full)}"; filename*=UTF-8''${encoded}`,
      'content-length': String(bytes.byteLength),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
