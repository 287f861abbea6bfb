/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { renderPage } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { listRejected } from '../list-rejected';
import { SyncView } from '../pages/sync';
import { getSyncSummary } from '../summary';

export default defineRoute({
  method: 'get',
  path: '/app/sync',
  tag: 'pages',
  summary: 'Sync health page',
  page: true,
  reads: { what: 'sync' },
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const me = requireUser(ctx.principal);
    const [summary, rejected] = await Promise.all([getSyncSummary({ ctx }), listRejected({ ctx, input: { limit: 100 } })]);
    return renderPage(c, {
      title: 'Интеграции',
      header: { userName: me.user.name },
      body: <SyncView summary={summary} rejected={rejected} />,
      scripts: ['sync'],
    });
  },
});
