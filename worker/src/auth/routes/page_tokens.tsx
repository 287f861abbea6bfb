/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { renderPage } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { TokensView, widgetChoicesFor } from '../pages/tokens';

export default defineRoute({
  method: 'get',
  path: '/app/tokens',
  tag: 'pages',
  summary: 'Tokens page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const { user } = requireUser(ctx.principal);
    return renderPage(c, {
      title: 'Токены',
      header: { userName: user.name },
      body: <TokensView frameAncestors={ctx.config.frameAncestors} />,
      data: { 'widget-choices': widgetChoicesFor(user.role) },
      scripts: ['tokens'],
    });
  },
});
