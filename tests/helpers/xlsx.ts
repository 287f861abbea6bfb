import { strToU8, unzipSync, zipSync } from 'fflate';

/** A cell: text (a shared string, or inline), a number, or a raw numeric value as some writers store it. */
export type XlsxCell = string | number | null | { inline: string } | { raw: string };

export interface XlsxOptions {
  /** Row numbers of the rows given (default 1, 2, 3…): gaps are rows Excel leaves out. */
  rowNumbers?: number[];
  /** Where the worksheet lives; the workbook's relationships point there. */
  sheetPath?: string;
  /** Namespace prefix of the worksheet's elements ("x" → <x:row>), as some .NET writers do. */
  prefix?: string;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function column(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The smallest workbook Excel and readXlsx both open: content types, package and workbook
 * relationships, one worksheet and shared strings. Styles are left out on purpose.
 */
export function buildXlsx(rows: XlsxCell[][], opts: XlsxOptions = {}): Uint8Array {
  const sheetPath = opts.sheetPath ?? 'xl/worksheets/sheet1.xml';
  const p = opts.prefix ? `${opts.prefix}:` : '';
  const shared: string[] = [];
  const sharedIndex = new Map<string, number>();
  const body = rows
    .map((cells, i) => {
      const r = opts.rowNumbers?.[i] ?? i + 1;
      const xml = cells
        .map((cell, c) => {
          const ref = `${column(c)}${r}`;
          if (cell === null) return '';
          if (typeof cell === 'number') return `<${p}c r="${ref}"><${p}v>${cell}</${p}v></${p}c>`;
          if (typeof cell === 'object' && 'raw' in cell) return `<${p}c r="${ref}"><${p}v>${cell.raw}</${p}v></${p}c>`;
          if (typeof cell === 'object')
            return `<${p}c r="${ref}" t="inlineStr"><${p}is><${p}t>${esc(cell.inline)}</${p}t></${p}is></${p}c>`;
          if (!sharedIndex.has(cell)) {
            sharedIndex.set(cell, shared.length);
            shared.push(cell);
          }
          return `<${p}c r="${ref}" t="s"><${p}v>${sharedIndex.get(cell)}</${p}v></${p}c>`;
        })
        .join('');
      return `<${p}row r="${r}">${xml}</${p}row>`;
    })
    .join('');
  const ns = opts.prefix ? `xmlns:${opts.prefix}="${MAIN}"` : `xmlns="${MAIN}"`;
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/${sheetPath}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
    'xl/workbook.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Клиенты" sheetId="1" r:id="rId1"/></sheets></workbook>`),
    'xl/_rels/workbook.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="${sheetPath.replace(/^xl\//, '')}"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`),
    [sheetPath]: strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<${p}worksheet ${ns}><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`),
    'xl/sharedStrings.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="${MAIN}" count="${shared.length}" uniqueCount="${shared.length}">${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`),
  };
  return zipSync(files);
}

/** Replaces one part of a built workbook (to test shapes the writer does not make). */
export function withPart(xlsx: Uint8Array, path: string, xml: string): Uint8Array {
  return zipSync({ ...unzipSync(xlsx), [path]: strToU8(xml) });
}
