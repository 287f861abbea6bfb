import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from '../../../schema/db';

export type Db = DrizzleD1Database<typeof schema>;

type RawItem = { getQuery: () => { sql: string }; stmt?: D1PreparedStatement };

/**
 * A drizzle client per request, over the request's D1 binding. drizzle 0.45's D1 batch binds a
 * raw `db.run/all/get(sql)` with parameters through a `stmt` that raw queries lack; we give them
 * one, so set-based SQL with parameters can sit in the same all-or-nothing batch as the rest.
 */
export function createDb(d1: D1Database): Db {
  const db = drizzle(d1, { schema });
  for (const method of ['run', 'all', 'get', 'values'] as const) {
    const original = (db[method] as (...args: unknown[]) => RawItem).bind(db);
    (db as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const item = original(...args);
      Object.defineProperty(item, 'stmt', { get: () => d1.prepare(item.getQuery().sql), configurable: true });
      return item;
    };
  }
  return db;
}
