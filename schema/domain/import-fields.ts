/**
 * The fields a spreadsheet column can be loaded into: the import page, the worker's result file and
 * the contracts share them (their words are the catalogue's `import.field.*`, in either language).
 */
/** Rows per preview/commit request; the page also keeps each request under the 1 MB body limit. */
export const IMPORT_CHUNK_ROWS = 1000;
export const IMPORT_MAX_ROWS = 200_000;

export const importFields = ['name', 'inn', 'kpp', 'phone', 'email', 'contact', 'position', 'region', 'comment'] as const;
export type ImportFieldName = (typeof importFields)[number];
