/** CSV for Russian Excel: ";" between cells, CRLF, UTF-8 with a BOM at the start of the file. */
export const CSV_BOM = '\uFEFF';

/** One cell: quoted when needed; text that Excel would run as a formula gets a leading apostrophe. */
export function csvCell(value: unknown): string {
  let s = value == null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s) && !/^[+-]?[\d\s().-]+$/.test(s)) s = `'${s}`;
  return /[;"\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** ИНН, КПП and bare phone digits as text (="…"), so Excel keeps leading zeros and prints no 7,70708E+11. */
export function csvDigits(value: string | null | undefined): string {
  return value && /^\+?\d+$/.test(value) ? `="${value}"` : csvCell(value);
}

export const csvLine = (cells: string[]) => `${cells.join(';')}\r\n`;

/**
 * A CSV file download: never cached, never sniffed. `utf8Name` (a Cyrillic file name) goes in the
 * RFC 5987 `filename*`, with the ASCII `filename` for browsers that lack it.
 */
export function csvResponse(csv: string | ReadableStream<Uint8Array>, filename: string, utf8Name?: string): Response {
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"${utf8Name ? `; filename*=UTF-8''${encodeURIComponent(utf8Name)}` : ''}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
