/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { renderPage } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { SignInView } from '../pages/sign-in';

export default defineRoute({
  method: 'get',
  path: '/sign-in',
  tag: 'pages',
  summary: 'Sign-in page',
  page: true,
  access: ['public'],
  handler: async ({ c }) => renderPage(c, { title: 'Вход', body: <SignInView />, scripts: ['sign-in'] }),
});
