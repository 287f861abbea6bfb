import type { SheetRow } from './sheet';

export type CsvSeparator = ';' | ',' | '\t';
const SEPARATORS: CsvSeparator[] = [';', '\t', ','];

/**
 * Bytes → text: UTF-8 with or without BOM, UTF-16 with a BOM (Excel's «Текст Юникод»), and
 * Windows-1251 when the bytes are not valid UTF-8 (Russian Excel's «CSV (разделители — точка с запятой)»).
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1251').decode(bytes);
  }
}

/**
 * The separator of the header line that splits the first lines most consistently (outside
 * quotes): a ";" file with commas inside its comments still has the same number of ";" on every line.
 */
export function detectSeparator(text: string, sampleLines = 10): CsvSeparator {
  const counts = new Map<CsvSeparator, number[]>(SEPARATORS.map((s) => [s, [0]]));
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < sampleLines; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      lines++;
      for (const list of counts.values()) list.push(0);
    } else if (!quoted && counts.has(ch as CsvSeparator)) {
      const list = counts.get(ch as CsvSeparator)!;
      list[list.length - 1]!++;
    }
  }
  // Score: in the header line at all, then how many lines share the most common count, then that count.
  let best: CsvSeparator = ';';
  let bestScore: number[] = [0, 0, 0];
  for (const sep of SEPARATORS) {
    const perLine = counts.get(sep)!;
    const tally = new Map<number, number>();
    for (const n of perLine) if (n > 0) tally.set(n, (tally.get(n) ?? 0) + 1);
    for (const [n, lineCount] of tally) {
      const score = [perLine[0]! > 0 ? 1 : 0, lineCount, n];
      const better = score.findIndex((x, i) => x !== bestScore[i]);
      if (better >= 0 && score[better]! > bestScore[better]!) {
        best = sep;
        bestScore = score;
      }
    }
  }
  return best;
}

/** RFC 4180 records: quoted fields may hold the separator, "" and line breaks; any line ending. */
export function parseCsv(text: string, separator: CsvSeparator = detectSeparator(text)): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let recordStarted = false;
  const endRecord = () => {
    cells.push(cell);
    rows.push({ rowNo: rows.length + 1, cells });
    cells = [];
    cell = '';
    recordStarted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      recordStarted = true;
    } else if (ch === separator) {
      cells.push(cell);
      cell = '';
      recordStarted = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else {
      cell += ch;
      recordStarted = true;
    }
  }
  if (recordStarted || cell !== '' || cells.length) endRecord();
  return rows;
}

export function readCsv(bytes: Uint8Array): SheetRow[] {
  return parseCsv(decodeText(bytes));
}
