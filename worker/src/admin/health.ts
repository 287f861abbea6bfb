import { sql } from 'drizzle-orm';
import type { ServiceContext } from '../platform/route';

/** Version, applied migrations (wrangler's d1_migrations) and whether D1 answers. */
export async function checkHealth({ ctx }: { ctx: ServiceContext }) {
  let database: 'ok' | 'unreachable' = 'ok';
  let migrations: string[] = [];
  try {
    const rows = await ctx.db.all<{ name: string }>(sql`SELECT name FROM d1_migrations ORDER BY id`);
    migrations = rows.map((r) => r.name);
  } catch {
    try {
      await ctx.db.run(sql`SELECT 1`);
    } catch {
      database = 'unreachable';
    }
  }
  return {
    status: database === 'ok' && migrations.length > 0 ? ('ok' as const) : ('degraded' as const),
    version: ctx.config.version,
    database,
    migrations,
    time: new Date(ctx.now).toISOString(),
  };
}
