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
