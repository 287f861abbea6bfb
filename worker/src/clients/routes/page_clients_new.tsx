/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { renderPage } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { NewClientPage } from '../pages/card-forms';
import { listRegions } from '../regions/list';

export default defineRoute({
  method: 'get',
  path: '/app/clients/new',
  tag: 'pages',
  summary: '«Новый клиент»',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const regions = await listRegions({ ctx });
    // The regions the viewer works (a manager's pool regions, a head's), every region for the admin.
    const choices = viewer.role === 'admin' ? regions.items : regions.items.filter((r) => viewer.regionIds.includes(r.id));
    return renderPage(c, {
      title: 'Новый клиент',
      header: { userName: viewer.name },
      body: <NewClientPage regions={choices} />,
      scripts: ['new-client'],
    });
  },
});
