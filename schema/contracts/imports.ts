import { z } from 'zod';
import { IMPORT_CHUNK_ROWS, IMPORT_MAX_ROWS, importFields } from '../domain/import-fields';

/** A field a spreadsheet column can be loaded into (pages/src/lib/columns.ts maps headers to them). */
export const ImportField = z.enum(importFields);
export type ImportField = z.infer<typeof ImportField>;

export const ImportCreate = z.object({
  fileName: z.string().trim().min(1).max(255),
  regionId: z.number().int().positive(),
  /** null = the region's pool; a manager's imports are always his own. */
  ownerId: z.number().int().positive().nullable().optional(),
  /** Column header → field, kept as a record of how the file was read. */
  mapping: z.record(z.string().max(200), ImportField),
  totalRows: z.number().int().min(1).max(IMPORT_MAX_ROWS),
});
export type ImportCreate = z.infer<typeof ImportCreate>;

export const ImportCreated = z.object({ id: z.number().int() });

// Cells are taken as typed; lengths per field are checked row by row so one bad cell costs one row.
const cell = z.string().max(10_000).optional();

/** One spreadsheet row; rowNo is its number in the sheet, so the result file points back to it. */
export const ImportRow = z
  .object({
    rowNo: z.number().int().min(1).max(1_048_576),
    name: cell,
    inn: cell,
    kpp: cell,
    phone: cell,
    email: cell,
    contact: cell,
    position: cell,
    region: cell,
    comment: cell,
  })
  .meta({ id: 'ImportRow' });
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportChunk = z.object({
  rows: z
    .array(ImportRow)
    .min(1)
    .max(IMPORT_CHUNK_ROWS)
    .refine((rows) => new Set(rows.map((r) => r.rowNo)).size === rows.length, { message: 'Номера строк повторяются / Row numbers repeat' }),
});

// The same list as import_rows.outcome (schema/db/imports.ts); contracts stay free of drizzle.
const rowOutcomes = ['new', 'merged', 'duplicate', 'other_owner', 'invalid'] as const;
/** The preview cannot merge: a row that would be merged shows as a duplicate, its reason says so. */
export const previewOutcomes = ['new', 'duplicate', 'other_owner', 'invalid'] as const;
export type PreviewOutcome = (typeof previewOutcomes)[number];

const rowResult = {
  rowNo: z.number().int(),
  reason: z.string().optional(),
  /** Present only when the importer may open that company. */
  companyId: z.number().int().optional(),
  companyName: z.string().optional(),
  /** Whose client it is (null = the region's pool), the minimal answer of the collision check. */
  ownerName: z.string().nullable().optional(),
};
export const ImportRowResult = z.object({ ...rowResult, outcome: z.enum(rowOutcomes) }).meta({ id: 'ImportRowResult' });
export type ImportRowResult = z.infer<typeof ImportRowResult>;
export const PreviewRowResult = z.object({ ...rowResult, outcome: z.enum(previewOutcomes) });
export type PreviewRowResult = z.infer<typeof PreviewRowResult>;

export const ImportPreview = z.object({ rows: z.array(PreviewRowResult) });
export const ImportCommitted = z.object({ rows: z.array(ImportRowResult) });

export const ImportCounts = z.object({
  new: z.number().int(),
  merged: z.number().int(),
  duplicate: z.number().int(),
  other_owner: z.number().int(),
  invalid: z.number().int(),
});
export type ImportCounts = z.infer<typeof ImportCounts>;

export const ImportView = z
  .object({
    id: z.number().int(),
    fileName: z.string(),
    regionId: z.number().int(),
    ownerId: z.number().int().nullable(),
    totalRows: z.number().int(),
    state: z.enum(['open', 'done']),
    counts: ImportCounts,
    committedRows: z.number().int(),
  })
  .meta({ id: 'Import' });
export type ImportView = z.infer<typeof ImportView>;
