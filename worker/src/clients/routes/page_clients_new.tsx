/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { renderPage, uiLang } from '../../platform/page';
import { messagesFor, msg } from '../../platform/i18n';

import { defineRoute } from '../../platform/route';
import { FORMS_SCRIPT_KEYS, NEW_CLIENT_SCRIPT_KEYS, NewClientPage } from '../pages/card-forms';
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
    const lang = uiLang(c);
    const regions = await listRegions({ ctx });
    // The regions the viewer works (a manager's pool regions, a head's), every region for the admin.
    const choices = viewer.role === 'admin' ? regions.items : regions.items.filter((r) => viewer.regionIds.includes(r.id));
    return renderPage(c, {
      title: msg('clients.new', lang),
      header: { userName: viewer.name },
      body: <NewClientPage regions={choices} lang={lang} />,
      bodyLang: 'same',
      scripts: ['new-client'],
      data: { 'new-client-text': messagesFor(NEW_CLIENT_SCRIPT_KEYS, lang), 'forms-text': messagesFor(FORMS_SCRIPT_KEYS, lang) },
    });
  },
});
