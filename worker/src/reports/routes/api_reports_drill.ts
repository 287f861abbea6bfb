import { DrillDown, DrillQuery, ReportParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { drillDown } from '../drill';

export default defineRoute({
  method: 'get',
  path: '/api/reports/:report/drill',
  tag: 'reports',
  summary: 'Кто стоит за цифрой отчёта: клиенты, интересы, звонки, документы / What is behind a figure',
  reads: { what: 'drill-down' },
  access: ['session'],
  params: ReportParams,
  query: DrillQuery,
  response: DrillDown,
  handler: ({ ctx, input }) => drillDown({ ctx, input: { report: input.params.report, query: input.query } }),
});
