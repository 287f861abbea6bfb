/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { renderPage } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { ImportShell } from '../pages/import';

export default defineRoute({
  method: 'get',
  path: '/app/import',
  tag: 'pages',
  summary: 'Import page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) =>
    renderPage(c, {
      title: 'Импорт клиентов',
      header: { userName: requireUser(ctx.principal).user.name },
      body: <ImportShell />,
      scripts: ['import'],
    }),
});
