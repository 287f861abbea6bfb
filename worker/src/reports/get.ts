import type { DrillQuery, Report, ReportId, ReportQuery } from '../../../schema/contracts';
import type { ServiceContext } from '../platform/route';
import { callsReport } from './calls';
import { clientsReport } from './clients';
import { dormantReport } from './dormant';
import { invoicesReport } from './invoices';
import { leadsReport } from './leads';
import { reportScope, type ReportScope } from './scope';
import { stagesReport } from './stages';

export const REPORTS: Record<ReportId, { titleRu: string; build: (ctx: ServiceContext, s: ReportScope, q: ReportQuery) => Promise<Report> }> = {
  calls: { titleRu: 'Звонки менеджеров', build: callsReport },
  leads: { titleRu: 'Новые интересы по каналам', build: leadsReport },
  stages: { titleRu: 'Время на этапах воронки', build: stagesReport },
  clients: { titleRu: 'Новые клиенты и рост базы', build: clientsReport },
  dormant: { titleRu: 'Клиенты без касаний и спящие', build: (ctx, s, q) => dormantReport(ctx, s, q.days) },
  invoices: { titleRu: 'Счета, оплаты и отгрузки', build: invoicesReport },
};

/** One report for the caller's scope and the filters asked for. */
export async function getReport({ ctx, input }: { ctx: ServiceContext; input: { report: ReportId; query: ReportQuery | DrillQuery } }): Promise<Report> {
  const scope = await reportScope(ctx, input.query);
  return REPORTS[input.report].build(ctx, scope, input.query);
}
