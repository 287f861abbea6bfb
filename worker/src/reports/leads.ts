import { LEAD_CHANNEL_TITLES_RU } from '../../../schema/domain/lead-channels';
import { sql } from 'drizzle-orm';
import { REPORT_CATALOGUE, type Report } from '../../../schema/contracts';
import type { ServiceContext } from '../platform/route';
import { MSK_DAY, regionOwnerFilter, type ReportScope } from './scope';
import { seriesReport } from './series';
import { ru } from './translate';

/** New leads by source channel. */
export function leadsReport(ctx: ServiceContext, s: ReportScope): Promise<Report> {
  return seriesReport(ctx, s, {
    report: 'leads',
    titleRu: REPORT_CATALOGUE.leads.titleRu,
    columns: [
      { key: 'leads', titleRu: ru('reports.api.leads'), kind: 'int' },
      ...Object.entries(LEAD_CHANNEL_TITLES_RU).map(([k, t]) => ({ key: `ch_${k}`, titleRu: t, kind: 'int' as const })),
    ],
    rollup: { table: 'rollup_leads', where: (sc) => regionOwnerFilter(sc, sql.raw('region_id'), sql.raw('owner_id')), manager: 'owner_id' },
    raw: {
      from: (sc) => sql`FROM leads l WHERE ${MSK_DAY(sql.raw('l.created_at'))} BETWEEN ${sc.from} AND ${sc.to}
        AND ${regionOwnerFilter(sc, sql.raw('l.region_id'), sql.raw('coalesce(l.owner_id, 0)'))} ${sc.companyId !== null ? sql`AND l.company_id = ${sc.companyId}` : sql``}`,
      day: MSK_DAY(sql.raw('l.created_at')),
      manager: sql.raw('coalesce(l.owner_id, 0)'),
      measures: sql.raw(
        ['count(*) AS leads', ...Object.keys(LEAD_CHANNEL_TITLES_RU).map((k) => `sum(l.channel = '${k}') AS ch_${k}`)].join(', '),
      ),
    },
    notes: [ru('reports.api.note.leads')],
  });
}
