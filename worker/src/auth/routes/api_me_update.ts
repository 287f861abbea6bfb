import { setCookie } from 'hono/cookie';
import { MeUpdateRequest, MeUpdateResult } from '../../../../schema/contracts';
import { LANG_COOKIE } from '../../platform/i18n';
import { defineRoute } from '../../platform/route';
import { setOwnLang } from '../set-lang';

export default defineRoute({
  method: 'patch',
  path: '/api/me',
  tag: 'auth',
  summary: 'Свои настройки: язык интерфейса / Own settings: interface language',
  access: ['session'],
  body: MeUpdateRequest,
  response: MeUpdateResult,
  handler: async ({ ctx, input, c }) => {
    const result = await setOwnLang({ ctx, input: input.body });
    // The browser's cookie follows, so the sign-in page after «Выйти» speaks the same language.
    setCookie(c, LANG_COOKIE, result.lang, { path: '/', sameSite: 'Lax', maxAge: 31536000, secure: ctx.config.secureCookies });
    return result;
  },
});
