import { Report, ReportParams, ReportQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getReport } from '../get';

export default defineRoute({
  method: 'get',
  path: '/api/reports/:report',
  tag: 'reports',
  summary: 'Отчёт: calls, leads, stages, clients, dormant, invoices — за период, по менеджеру, региону, клиенту / A report',
  access: ['session'],
  params: ReportParams,
  query: ReportQuery,
  response: Report,
  handler: ({ ctx, input }) => getReport({ ctx, input: { report: input.params.report, query: input.query } }),
});
