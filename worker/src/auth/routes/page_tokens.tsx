/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { requireUser } from '../../access';
import { messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { TOKENS_SCRIPT_TEXT, TokensView, widgetChoicesFor } from '../pages/tokens';

export default defineRoute({
  method: 'get',
  path: '/app/tokens',
  tag: 'pages',
  summary: 'Tokens page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const { user } = requireUser(ctx.principal);
    const lang = uiLang(c);
    return renderPage(c, {
      title: msg('tokens.title', lang),
      header: { userName: user.name },
      body: <TokensView frameAncestors={ctx.config.frameAncestors} lang={lang} />,
      bodyLang: 'same',
      data: {
        'widget-choices': widgetChoicesFor(user.role, lang),
        'tokens-text': messagesFor(TOKENS_SCRIPT_TEXT, lang),
        'user-zone': user.timeZone,
      },
      scripts: ['tokens'],
    });
  },
});
