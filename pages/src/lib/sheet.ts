/** One row of a spreadsheet as read from the file: its number in the sheet and its cells as text. */
export interface SheetRow {
  rowNo: number;
  cells: string[];
}

/**
 * Why a file cannot be read: `empty`, `notXlsx` (not a zip, or a broken one), `badXml` (a part of the
 * book is broken XML), `oldXls` (the old .xls format, or a book with a password), `noSheet`.
 */
export type SpreadsheetReason = 'empty' | 'notXlsx' | 'badXml' | 'oldXls' | 'noSheet';

/**
 * A file the page cannot read. It carries the reason, not words: the import page says it in the
 * reader's language from the catalogue (`import.file.<reason>`, worker/src/platform/messages/admin.ts).
 */
export class SpreadsheetError extends Error {
  constructor(readonly reason: SpreadsheetReason) {
    super(`spreadsheet: ${reason}`);
  }
}
