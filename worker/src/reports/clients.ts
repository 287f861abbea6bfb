import { sql } from 'drizzle-orm';
import { REPORT_CATALOGUE, type Report } from '../../../schema/contracts';
import type { ServiceContext } from '../platform/route';
import { MSK_DAY, regionOwnerFilter, type ReportScope } from './scope';
import { seriesReport } from './series';
import { ru } from './translate';

/**
 * New clients (created; converted on their first paid invoice) and the base growing: the base at
 * the end of each period is today's base less what was created after it, so no period reads the
 * whole history.
 */
export async function clientsReport(ctx: ServiceContext, s: ReportScope): Promise<Report> {
  const raw = s.raw || s.companyId !== null;
  const companyFilter = sql`c.merged_into_id IS NULL AND ${regionOwnerFilter(s, sql.raw('c.region_id'), sql.raw('coalesce(c.owner_id, 0)'))} ${s.companyId !== null ? sql`AND c.id = ${s.companyId}` : sql``}`;
  const report = await seriesReport(ctx, s, {
    report: 'clients',
    titleRu: REPORT_CATALOGUE.clients.titleRu,
    columns: [
      { key: 'created', titleRu: ru('reports.api.created'), kind: 'int' },
      { key: 'converted', titleRu: ru('reports.api.converted'), kind: 'int' },
    ],
    rollup: {
      table: 'rollup_clients',
      where: (sc) => regionOwnerFilter(sc, sql.raw('region_id'), sql.raw('owner_id')),
      manager: 'owner_id',
    },
    raw: {
      // Each client twice: once on the day it was created, once on the day it first paid.
      from: (
        sc,
      ) => sql`FROM (SELECT ${MSK_DAY(sql.raw('c.created_at'))} AS d, 1 AS created, 0 AS converted, coalesce(c.owner_id, 0) AS owner FROM companies c WHERE ${companyFilter}
          UNION ALL SELECT ${MSK_DAY(sql.raw('c.converted_at'))}, 0, 1, coalesce(c.owner_id, 0) FROM companies c WHERE c.converted_at IS NOT NULL AND ${companyFilter}) x
        WHERE x.d BETWEEN ${sc.from} AND ${sc.to}`,
      day: sql.raw('x.d'),
      manager: sql.raw('x.owner'),
      measures: sql.raw('sum(x.created) AS created, sum(x.converted) AS converted'),
    },
    notes: [ru('reports.api.note.clients')],
  });
  const today = new Date(s.now + 10_800_000).toISOString().slice(0, 10);
  const [base] = await ctx.db.batch([
    ctx.db.all<{ now: number; after: number }>(
      raw
        ? sql`SELECT count(*) AS now, coalesce(sum(${MSK_DAY(sql.raw('c.created_at'))} > ${s.to}), 0) AS after FROM companies c WHERE ${companyFilter}`
        : sql`SELECT (SELECT count(*) FROM companies c WHERE ${companyFilter}) AS now,
          (SELECT coalesce(sum(created), 0) FROM rollup_clients WHERE day > ${s.to} AND day <= ${today} AND ${regionOwnerFilter(s, sql.raw('region_id'), sql.raw('owner_id'))}) AS after`,
    ),
  ]);
  let size = Number(base[0]?.now ?? 0) - Number(base[0]?.after ?? 0);
  for (let i = report.series.length - 1; i >= 0; i--) {
    report.series[i]!['base'] = size;
    size -= Number(report.series[i]!['created'] ?? 0);
  }
  report.seriesColumns.push({ key: 'base', titleRu: ru('reports.api.base'), kind: 'int' });
  report.totals['base'] = Number(base[0]?.now ?? 0) - Number(base[0]?.after ?? 0);
  report.totals['base_start'] = size;
  return report;
}
