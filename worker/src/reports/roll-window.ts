import { sql } from 'drizzle-orm';
import { refreshRevenueWindow, revenueWindowFrom } from '../../../schema/rollups';
import type { Db } from '../platform/db';
import { localDate } from '../platform/time';

/**
 * On the cron: when a new month begins, the 24-month revenue window of the dormant-clients report
 * moves and every client's `revenue_24m` is recomputed from the monthly rollup (once a month; the
 * triggers keep it between). Returns whether it moved.
 */
export async function rollRevenueWindow(db: Db, now: number): Promise<boolean> {
  const from = revenueWindowFrom(localDate(now, 'Europe/Moscow').slice(0, 7));
  const current = await db.get<{ revenue_from: string } | undefined>(sql`SELECT revenue_from FROM report_window WHERE id = 1`);
  if (current?.revenue_from === from) return false;
  await db.batch(refreshRevenueWindow(`'${from}'`).map((q) => db.run(sql.raw(q))) as never);
  return true;
}
