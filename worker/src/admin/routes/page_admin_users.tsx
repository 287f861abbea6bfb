/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireRole } from '../../access';
import { messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { USERS_SCRIPT_TEXT, UsersView } from '../pages/users';
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
    const lang = uiLang(c);
    return renderPage(c, {
      title: msg('admin.users.title', lang),
      header: { userName: me.user.name },
      body: <UsersView roster={roster} regions={regions} selfId={me.user.id} lang={lang} />,
      bodyLang: 'same',
      scripts: ['admin-users'],
      data: { 'users-text': messagesFor(USERS_SCRIPT_TEXT, lang) },
    });
  },
});
