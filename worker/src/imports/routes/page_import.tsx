/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { IMPORT_SCRIPT_TEXT, ImportShell } from '../pages/import';

export default defineRoute({
  method: 'get',
  path: '/app/import',
  tag: 'pages',
  summary: 'Import page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const lang = uiLang(c);
    return renderPage(c, {
      title: msg('import.title', lang),
      header: { userName: requireUser(ctx.principal).user.name },
      body: <ImportShell lang={lang} />,
      bodyLang: 'same',
      scripts: ['import'],
      data: { 'import-text': messagesFor(IMPORT_SCRIPT_TEXT, lang) },
    });
  },
});
