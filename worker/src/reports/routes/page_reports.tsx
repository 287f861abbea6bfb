/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { ReportIndexView } from '../pages/reports';

export default defineRoute({
  method: 'get',
  path: '/app/reports',
  tag: 'pages',
  summary: 'Reports index page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const lang = uiLang(c);
    return renderPage(c, {
      title: msg('reports.title', lang),
      header: { userName: requireUser(ctx.principal).user.name },
      body: <ReportIndexView lang={lang} />,
      bodyLang: 'same',
    });
  },
});
