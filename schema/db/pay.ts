import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { users } from './people';

/**
 * The company's salary rule, versioned by the month it applies from: a statement uses the latest
 * version whose `valid_from` is not after its month. The rule itself is the validated JSON of
 * `SalaryRule` (worker/src/pay/calculator/rule.ts); money in kopecks, shares in basis points.
 */
export const salaryRules = sqliteTable(
  'salary_rules',
  {
    id: integer('id').primaryKey(),
    validFrom: text('valid_from').notNull(),
    rule: text('rule', { mode: 'json' }).notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('salary_rules_valid_from_uq').on(t.validFrom)],
);

export const statementStates = ['draft', 'checked', 'disputed', 'approved', 'exported'] as const;

/**
 * A manager's monthly salary statement. While it is a draft (or checked/disputed) its figures are
 * computed from the data on every read; approval freezes them into `snapshot` (the whole
 * statement with its explained lines) and `total_kopecks`, which nothing recomputes afterwards.
 * A month with no row is a draft nobody has touched yet.
 */
export const salaryStatements = sqliteTable(
  'salary_statements',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    month: text('month').notNull(),
    state: text('state', { enum: statementStates }).notNull().default('draft'),
    snapshot: text('snapshot', { mode: 'json' }),
    totalKopecks: integer('total_kopecks'),
    disputeComment: text('dispute_comment'),
    resolutionComment: text('resolution_comment'),
    checkedAt: integer('checked_at'),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: integer('approved_at'),
    exportedAt: integer('exported_at'),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [uniqueIndex('salary_statements_user_month_uq').on(t.userId, t.month), index('salary_statements_month_idx').on(t.month, t.state)],
);
