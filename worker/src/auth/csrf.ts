import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../platform/credentials';
import { AppError } from '../platform/errors';
import type { AppEnv } from '../platform/route';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** The password sign-in sets the cookie: a forged one would sign the victim in as the attacker. */
const COOKIE_SETTING_PATHS = new Set(['/api/auth/sign-in']);

export type BrowserWriteVerdict = { ok: true } | { ok: false; reason: 'cross_origin' | 'not_json' };

/**
 * Whether an unsafe request that rides on the session cookie came from this server's own pages.
 * A browser names the page's origin (`Origin`, sent on every cross-origin and every POST request)
 * or at least `Sec-Fetch-Site`; a request with neither comes from no browser and so cannot carry a
 * victim's cookie. A body must be declared JSON: an HTML form can only send urlencoded,
 * multipart or text/plain bodies, and a cross-origin `fetch` with JSON needs a CORS preflight
 * this server never grants.
 */
export function judgeBrowserWrite(headers: Headers, selfOrigin: string): BrowserWriteVerdict {
  const origin = headers.get('origin');
  if (origin !== null) {
    if (origin !== selfOrigin) return { ok: false, reason: 'cross_origin' };
  } else {
    const site = headers.get('sec-fetch-site');
    if (site !== null && site !== 'same-origin' && site !== 'none') return { ok: false, reason: 'cross_origin' };
  }
  const type = headers.get('content-type');
  if (type !== null) {
    if (mediaType(type) !== 'application/json') return { ok: false, reason: 'not_json' };
  } else if (Number(headers.get('content-length') ?? 0) > 0 || headers.has('transfer-encoding')) {
    return { ok: false, reason: 'not_json' };
  }
  return { ok: true };
}

const mediaType = (contentType: string) => contentType.split(';')[0]!.trim().toLowerCase();

/** An explicit bearer token is never added by a browser on its own, so such a call is no forgery. */
const carriesBearer = (headers: Headers) => /^bearer\s/i.test(headers.get('authorization') ?? '');

/**
 * Refuses forged cookie-authenticated writes (and forged sign-ins) before any route reads the body.
 * Token callers — the extension's bearer token, widget embed tokens, signed machine hooks — carry
 * no session cookie and pass untouched.
 */
export const refuseForgedBrowserWrites: MiddlewareHandler<AppEnv> = async (c, next) => {
  const method = c.req.method.toUpperCase();
  const headers = c.req.raw.headers;
  const guarded = UNSAFE_METHODS.has(method) && (getCookie(c, SESSION_COOKIE) !== undefined || COOKIE_SETTING_PATHS.has(c.req.path));
  if (guarded && !carriesBearer(headers)) {
    const verdict = judgeBrowserWrite(headers, new URL(c.req.url).origin);
    if (!verdict.ok && verdict.reason === 'cross_origin') {
      throw new AppError('forbidden', {
        ru: 'Запрос с чужой страницы отклонён: изменять данные по cookie можно только со страниц самой Воронки',
        en: 'A request from another site was refused: cookie-authenticated changes come only from Voronka’s own pages',
      });
    }
    if (!verdict.ok) throw new AppError('unsupported_media_type');
  }
  await next();
};
