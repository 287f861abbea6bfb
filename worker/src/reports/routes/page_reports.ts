import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { appHeader, htmlPage } from '../../platform/page-layout';
import { renderReportIndex } from '../pages/reports';

export default defineRoute({
  method: 'get',
  path: '/app/reports',
  tag: 'pages',
  summary: 'Reports index page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) =>
    htmlPage(c, {
      title: 'Отчёты',
      header: appHeader(requireUser(ctx.principal).user.name),
      body: renderReportIndex(),
    }),
});
