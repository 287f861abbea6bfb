/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { SignInView } from '../pages/sign-in';

export default defineRoute({
  method: 'get',
  path: '/sign-in',
  tag: 'pages',
  summary: 'Sign-in page',
  page: true,
  access: ['public'],
  handler: async ({ c }) => {
    const lang = uiLang(c);
    return renderPage(c, {
      title: msg('signIn.title', lang),
      body: <SignInView lang={lang} />,
      bodyLang: 'same',
      scripts: ['sign-in'],
      data: { 'sign-in-text': messagesFor(['signIn.progress', 'signIn.offline'], lang) },
    });
  },
});
