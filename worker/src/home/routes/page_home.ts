import { defineRoute } from '../../platform/route';

/** `/app` is «Мой день» for every role (a head sees his regions', the admin everyone's). */
export default defineRoute({
  method: 'get',
  path: '/app',
  tag: 'pages',
  summary: 'Home page: to «Мой день»',
  page: true,
  access: ['session'],
  handler: async ({ c }) => c.redirect('/app/today', 302),
});
