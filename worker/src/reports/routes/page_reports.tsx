/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { renderPage } from '../../platform/page';
import { ReportIndexView } from '../pages/reports';

export default defineRoute({
  method: 'get',
  path: '/app/reports',
  tag: 'pages',
  summary: 'Reports index page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) =>
    renderPage(c, { title: 'Отчёты', header: { userName: requireUser(ctx.principal).user.name }, body: <ReportIndexView /> }),
});
