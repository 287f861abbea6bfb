/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { renderPage } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { TodayPage } from '../pages/today';
import { buildToday } from '../today/build';

export default defineRoute({
  method: 'get',
  path: '/app/today',
  tag: 'pages',
  summary: '«Мой день»',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const p = requireUser(ctx.principal);
    const today = await buildToday({ ctx });
    return renderPage(c, {
      title: 'Мой день',
      header: { userName: p.user.name },
      body: <TodayPage today={today} timeZone={today.timeZone} role={p.user.role} />,
      scripts: ['today'],
    });
  },
});
