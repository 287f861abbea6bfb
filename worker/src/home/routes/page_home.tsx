/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { renderPage } from '../../platform/page';
import { HomeView } from '../pages/home';
import { describeMe } from '../../auth';

export default defineRoute({
  method: 'get',
  path: '/app',
  tag: 'pages',
  summary: 'Home page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const me = describeMe(requireUser(ctx.principal));
    return renderPage(c, { title: 'Главная', header: { userName: me.name }, body: <HomeView me={me} /> });
  },
});
