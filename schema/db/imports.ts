import { sqliteTable, integer, text, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { companies } from './clients';
import { regions, users } from './people';

export const importStates = ['open', 'done'] as const;

/** One uploaded spreadsheet: who, which file, how columns were mapped, where new clients go. */
export const imports = sqliteTable(
  'imports',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    fileName: text('file_name').notNull(),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    /** Owner of the companies it creates; null = the region's pool. */
    ownerId: integer('owner_id').references(() => users.id),
    mapping: text('mapping', { mode: 'json' }).$type<Record<string, string>>().notNull(),
    totalRows: integer('total_rows').notNull(),
    state: text('state', { enum: importStates }).notNull().default('open'),
    createdAt: integer('created_at').notNull(),
    finishedAt: integer('finished_at'),
  },
  (t) => [index('imports_user_idx').on(t.userId, t.createdAt)],
);

export const importOutcomes = ['new', 'merged', 'duplicate', 'other_owner', 'invalid'] as const;
export type ImportOutcome = (typeof importOutcomes)[number];

/** What became of each row; (import, row) is the idempotency key of a committed chunk. */
export const importRows = sqliteTable(
  'import_rows',
  {
    importId: integer('import_id')
      .notNull()
      .references(() => imports.id),
    rowNo: integer('row_no').notNull(),
    outcome: text('outcome', { enum: importOutcomes }).notNull(),
    /** Why, in Russian, as the check wrote it. */
    reason: text('reason'),
    /** The same reason in English (null in rows committed before migration 0019: the file falls back to Russian). */
    reasonEn: text('reason_en'),
    companyId: integer('company_id').references(() => companies.id),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNo] }), index('import_rows_outcome_idx').on(t.importId, t.outcome)],
);
