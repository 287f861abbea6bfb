/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireRole } from '../../access';
import { renderPage } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { UsersView } from '../pages/users';
import { listAllRegions, listRoster } from '../users/roster';

export default defineRoute({
  method: 'get',
  path: '/app/admin/users',
  tag: 'pages',
  summary: 'Users page (admin): add, edit, deactivate, hand clients over with a preview',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const me = requireRole(ctx.principal, 'admin');
    const [roster, regions] = await Promise.all([listRoster({ ctx }), listAllRegions({ ctx })]);
    return renderPage(c, {
      title: 'Пользователи',
      header: { userName: me.user.name },
      body: <UsersView roster={roster} regions={regions} selfId={me.user.id} />,
      scripts: ['admin-users'],
    });
  },
});
