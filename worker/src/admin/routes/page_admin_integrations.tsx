/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireRole } from '../../access';
import { messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { listIntegrations } from '../integrations/status';
import { INTEGRATIONS_SCRIPT_TEXT, IntegrationsView } from '../pages/integrations';

export default defineRoute({
  method: 'get',
  path: '/app/admin/integrations',
  tag: 'pages',
  summary: 'Integrations page (admin): what is configured, URLs to paste, «Проверить»',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const me = requireRole(ctx.principal, 'admin');
    const lang = uiLang(c);
    const integrations = await listIntegrations({ ctx, input: { requestUrl: c.req.url, lang } });
    return renderPage(c, {
      title: msg('admin.integrations.title', lang),
      header: { userName: me.user.name },
      body: <IntegrationsView integrations={integrations} speech={{ lang, timeZone: me.user.timeZone }} />,
      bodyLang: 'same',
      scripts: ['integrations'],
      data: { 'integrations-text': messagesFor(INTEGRATIONS_SCRIPT_TEXT, lang), 'admin-zone': me.user.timeZone },
    });
  },
});
