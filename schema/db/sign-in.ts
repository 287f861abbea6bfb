import { sqliteTable, integer, text, index } from 'drizzle-orm/sqlite-core';

/**
 * Failed password sign-ins per account (`account:<e-mail>`, known or not) and per client address
 * (`address:<ip>`): how many since the last success, when the last one was, and until when the
 * next attempt is answered 429 without checking the password (worker/src/auth/sign-in-throttle.ts).
 */
export const signInThrottle = sqliteTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: integer('last_failure_at').notNull(),
    blockedUntil: integer('blocked_until'),
  },
  (t) => [index('sign_in_throttle_last_idx').on(t.lastFailureAt)],
);
