import { REPORT_CATALOGUE, type DrillQuery, type Report, type ReportId, type ReportQuery } from '../../../schema/contracts';
import type { ServiceContext } from '../platform/route';
import { callsReport } from './calls';
import { clientsReport } from './clients';
import { dormantReport } from './dormant';
import { invoicesReport } from './invoices';
import { leadsReport } from './leads';
import { reportScope, type ReportScope } from './scope';
import { stagesReport } from './stages';

export const REPORTS: Record<
  ReportId,
  { titleRu: string; build: (ctx: ServiceContext, s: ReportScope, q: ReportQuery) => Promise<Report> }
> = {
  calls: { titleRu: REPORT_CATALOGUE.calls.titleRu, build: callsReport },
  leads: { titleRu: REPORT_CATALOGUE.leads.titleRu, build: leadsReport },
  stages: { titleRu: REPORT_CATALOGUE.stages.titleRu, build: stagesReport },
  clients: { titleRu: REPORT_CATALOGUE.clients.titleRu, build: clientsReport },
  dormant: { titleRu: REPORT_CATALOGUE.dormant.titleRu, build: (ctx, s, q) => dormantReport(ctx, s, q.days) },
  invoices: { titleRu: REPORT_CATALOGUE.invoices.titleRu, build: invoicesReport },
};

/** One report for the caller's scope and the filters asked for. */
export async function getReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { report: ReportId; query: ReportQuery | DrillQuery };
}): Promise<Report> {
  const scope = await reportScope(ctx, input.query);
  return REPORTS[input.report].build(ctx, scope, input.query);
}
