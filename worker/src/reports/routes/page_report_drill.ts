import { DrillQuery, ReportParams } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { appHeader, htmlPage } from '../../platform/page-layout';
import { queryString, renderDrill } from '../pages/reports';
import { drillDown } from '../drill';

export default defineRoute({
  method: 'get',
  path: '/app/reports/:report/drill',
  tag: 'pages',
  summary: 'Report drill-down page',
  page: true,
  access: ['session'],
  params: ReportParams,
  query: DrillQuery,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const drill = await drillDown({ ctx, input: { report: input.params.report, query: input.query } });
    const { measure: _m, bucket: _b, ...back } = input.query;
    return htmlPage(c, {
      title: drill.titleRu,
      header: appHeader(viewer.name),
      body: renderDrill(drill, `/app/reports/${input.params.report}${queryString(back)}`),
    });
  },
});
