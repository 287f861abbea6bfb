/** One row of a spreadsheet as read from the file: its number in the sheet and its cells as text. */
export interface SheetRow {
  rowNo: number;
  cells: string[];
}

/** A file the page cannot read; the message is shown to the user as it is. */
export class SpreadsheetError extends Error {}
