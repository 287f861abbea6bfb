import { deleteCookie } from 'hono/cookie';
import { Ok } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { SESSION_COOKIE } from '../sessions/sign-in';
import { signOut } from '../sessions/sign-out';

export default defineRoute({
  method: 'post',
  path: '/api/auth/sign-out',
  tag: 'auth',
  summary: 'Выход / Sign out',
  access: ['session'],
  response: Ok,
  handler: async ({ ctx, c }) => {
    const result = await signOut({ ctx });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return result;
  },
});
