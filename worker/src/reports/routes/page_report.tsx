/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { ReportParams, ReportQuery } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { renderPage } from '../../platform/page';
import { ReportView } from '../pages/reports';
import { listRegions } from '../../clients';
import { getReport } from '../get';
import { listUsers } from '../../admin';

export default defineRoute({
  method: 'get',
  path: '/app/reports/:report',
  tag: 'pages',
  summary: 'Report page',
  page: true,
  access: ['session'],
  params: ReportParams,
  query: ReportQuery,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const [report, users, regions] = await Promise.all([
      getReport({ ctx, input: { report: input.params.report, query: input.query } }),
      listUsers({ ctx }),
      listRegions({ ctx }),
    ]);
    const choices = {
      isManager: viewer.role === 'manager',
      managers: users.items.filter((u) => u.role === 'manager'),
      regions: viewer.role === 'admin' ? regions.items : regions.items.filter((r) => viewer.regionIds.includes(r.id)),
    };
    return renderPage(c, {
      title: report.titleRu,
      header: { userName: viewer.name },
      body: <ReportView report={report} q={input.query} choices={choices} />,
      scripts: ['report'],
    });
  },
});
