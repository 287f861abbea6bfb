import { setCookie } from 'hono/cookie';
import { SignInRequest, SignInResponse } from '../../../../schema/contracts';
import { LANG_COOKIE } from '../../platform/i18n';
import { defineRoute } from '../../platform/route';
import { SESSION_COOKIE, signIn } from '../sessions/sign-in';
import { clientAddress } from '../sign-in-throttle';

export default defineRoute({
  method: 'post',
  path: '/api/auth/sign-in',
  tag: 'auth',
  summary: 'Вход по паролю (cookie-сессия) / Password sign-in',
  access: ['public'],
  body: SignInRequest,
  response: SignInResponse,
  handler: async ({ ctx, input, c }) => {
    const { secret, expiresAt, user } = await signIn({
      ctx,
      input: { ...input.body, userAgent: c.req.header('user-agent') ?? null, address: clientAddress(c.req.header('cf-connecting-ip')) },
    });
    // Max-Age, not Expires: the lifetime counts from the browser's receipt, whatever either clock says.
    setCookie(c, SESSION_COOKIE, secret, {
      httpOnly: true,
      secure: ctx.config.secureCookies,
      sameSite: 'Lax',
      path: '/',
      maxAge: Math.max(0, Math.floor((expiresAt - ctx.now) / 1000)),
    });
    // The browser learns the user's language, so its sign-in page after «Выйти» speaks it too.
    setCookie(c, LANG_COOKIE, user.lang, { path: '/', sameSite: 'Lax', maxAge: 31536000, secure: ctx.config.secureCookies });
    return { user, expiresAt };
  },
});
