/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireRole } from '../../access';
import { renderPage } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { listIntegrations } from '../integrations/status';
import { IntegrationsView } from '../pages/integrations';

export default defineRoute({
  method: 'get',
  path: '/app/admin/integrations',
  tag: 'pages',
  summary: 'Integrations page (admin): what is configured, URLs to paste, «Проверить»',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const me = requireRole(ctx.principal, 'admin');
    const integrations = await listIntegrations({ ctx, input: { requestUrl: c.req.url } });
    return renderPage(c, {
      title: 'Интеграции',
      header: { userName: me.user.name },
      body: <IntegrationsView integrations={integrations} />,
      scripts: ['integrations'],
    });
  },
});
