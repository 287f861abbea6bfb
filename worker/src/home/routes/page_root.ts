import { defineRoute } from '../../platform/route';

export default defineRoute({
  method: 'get',
  path: '/',
  tag: 'pages',
  summary: 'Root: to the app',
  page: true,
  access: ['public'],
  handler: async ({ c }) => c.redirect('/app', 302),
});
