import { drizzle, type DrizzleD1Database } from 'drizzle-orm/d1';
import * as schema from '../../../schema/db';

export type Db = DrizzleD1Database<typeof schema>;

const clients = new WeakMap<D1Database, Db>();

type RawItem = { getQuery: () => { sql: string }; stmt?: D1PreparedStatement };

/**
 * A drizzle client per D1 binding (made once, reused by every request). drizzle 0.45's D1 batch binds a
 * raw `db.run/all/get(sql)` with parameters through a `stmt` that raw queries lack; we give them
 * one, so set-based SQL with parameters can sit in the same all-or-nothing batch as the rest.
 */
export function createDb(d1: D1Database): Db {
  // One client per binding object: drizzle builds its relational map of the schema on creation.
  const cached = clients.get(d1);
  if (cached) return cached;
  const db = drizzle(d1, { schema });
  for (const method of ['run', 'all', 'get', 'values'] as const) {
    const original = (db[method] as (...args: unknown[]) => RawItem).bind(db);
    (db as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const item = original(...args);
      Object.defineProperty(item, 'stmt', { get: () => d1.prepare(item.getQuery().sql), configurable: true });
      return item;
    };
  }
  clients.set(d1, db);
  return db;
}
