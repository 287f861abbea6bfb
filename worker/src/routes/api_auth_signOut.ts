import { deleteCookie } from 'hono/cookie';
import { Ok } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { SESSION_COOKIE } from '../services/auth/sign-in';
import { signOut } from '../services/auth/sign-out';

export default defineRoute({
  method: 'post', path: '/api/auth/sign-out', tag: 'auth', summary: 'Выход / Sign out',
  access: ['session'], response: Ok,
  handler: async ({ ctx, c }) => {
    const result = await signOut({ ctx });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return result;
  },
});
