import { readCsv } from './csv';
import { SpreadsheetError, type SheetRow } from './sheet';
import { readXlsx } from './xlsx';

/** An .xlsx (a zip: "PK") or a CSV/text file, whatever its name says. */
export function readSpreadsheet(bytes: Uint8Array): SheetRow[] {
  if (!bytes.length) throw new SpreadsheetError('empty');
  const zipOrOle = (bytes[0] === 0x50 && bytes[1] === 0x4b) || (bytes[0] === 0xd0 && bytes[1] === 0xcf);
  return zipOrOle ? readXlsx(bytes) : readCsv(bytes);
}
