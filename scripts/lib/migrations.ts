import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MIGRATIONS_DIR = join(__dirname, '..', '..', 'schema', 'migrations');

export interface Migration {
  name: string;
  statements: string[];
}

/** The drizzle-kit migrations in order, split into statements the way D1 wants them one by one. */
export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((name) => ({
      name,
      statements: readFileSync(join(dir, name), 'utf8')
        .split('--> statement-breakpoint')
        .map((s) =>
          s
            .split('\n')
            .filter((line) => !line.trim().startsWith('--'))
            .join('\n')
            .trim(),
        )
        .filter(Boolean),
    }));
}

/** wrangler's own bookkeeping table, so /api/health reports the same in tests as under wrangler. */
export const D1_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations (
  id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)`;
