import { Hono } from 'hono';
import { AppError, errorBody } from './platform/errors';
import { renderErrorPage, signInRedirect, wantsErrorPage } from './platform/error-page';
import { clockNow } from './platform/clock';
import { loadConfig } from './platform/config';
import { createDb } from './platform/db';
import { pickLang } from './platform/i18n';
import { noLivePush } from './platform/live';
import { refuseForgedBrowserWrites } from './auth';
import { createLivePush } from './live';
import { tokenFromWebSocketProtocol } from './live';
import { registerRoute, type App, type AppEnv } from './platform/route';
import { routes } from './routes';

function mutableHeaders(res: Response): boolean {
  try {
    res.headers.set('X-Content-Type-Options', 'nosniff');
    return true;
  } catch {
    return false;
  }
}

export function createApp(): App {
  const app = new Hono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('requestId', c.req.header('cf-ray') ?? crypto.randomUUID());
    c.set('lang', pickLang(c.req.header('accept-language')));
    c.set('config', loadConfig(c.env));
    c.set('db', createDb(c.env.DB));
    c.set('now', clockNow(c.env));
    c.set('live', c.env.LIVE ? createLivePush({ LIVE: c.env.LIVE }) : noLivePush);
    c.set('self', async (request) => app.fetch(request, c.env));
    await next();
    c.header('X-Request-Id', c.var.requestId);
    // Answers of the API and the app carry personal data: never kept by a browser or a proxy, never content-sniffed.
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/app/')) {
      // A fetched or redirect Response has immutable headers: copy it first.
      if (!mutableHeaders(c.res)) c.res = new Response(c.res.body, c.res);
      if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
      c.res.headers.set('X-Content-Type-Options', 'nosniff');
    }
  });

  // Widgets placed by embed.js on a 1C portal read their figures cross-origin: only the origins the
  // admin allowed to show them (FRAME_ANCESTORS, the 1C web client) may read the answer — set after
  // the handler, so a 401 for a revoked token is readable too and the widget can say so. Any other
  // page gets no CORS header, so a stolen link cannot be read from a script elsewhere.
  app.use('/api/widgets/*', async (c, next) => {
    await next();
    const origin = c.req.header('origin');
    c.res.headers.append('Vary', 'Origin');
    if (origin && c.var.config.frameAncestors.includes(origin)) c.res.headers.set('Access-Control-Allow-Origin', origin);
  });

  // Cookie-authenticated writes only from our own pages, as JSON (see docs/security.md).
  app.use('*', refuseForgedBrowserWrites);

  // The extension's WebSocket carries its token as a subprotocol: on this one route only.
  app.use('/api/live', tokenFromWebSocketProtocol);
  for (const route of routes) registerRoute(app, route);

  app.notFound(async (c) => {
    if (wantsErrorPage(c)) {
      const page = await renderErrorPage(c, 404, c.var.requestId ?? '').catch(() => null);
      if (page) return page;
    }
    const err = new AppError('not_found', {
      ru: `Нет такого адреса: ${c.req.method} ${c.req.path}`,
      en: `No such route: ${c.req.method} ${c.req.path}`,
    });
    return c.json(errorBody(err, c.var.lang ?? 'ru', c.var.requestId ?? ''), 404);
  });

  // One error shape for programs; a browser opening a page gets the same refusal as a page (sign-in for 401).
  // Internals are logged, never sent.
  app.onError(async (err, c) => {
    const lang = c.var.lang ?? 'ru';
    const requestId = c.var.requestId ?? crypto.randomUUID();
    if (wantsErrorPage(c)) {
      if (err instanceof AppError && err.code === 'unauthorized') return signInRedirect(c);
      const status = err instanceof AppError ? err.statusCode() : 500;
      if (status === 400 || status === 403 || status === 404 || status >= 500) {
        if (!(err instanceof AppError))
          console.error(JSON.stringify({ requestId, path: c.req.path, error: String(err), stack: (err as Error).stack }));
        // A wrong query names what is wrong in it (the fields' messages, already in the page's language).
        const fields = err instanceof AppError && err.fields?.length ? err.fields.map((f) => f.message).join('; ') : null;
        const detail = fields ? { ru: fields, en: fields } : err instanceof AppError && status < 500 ? err.text : undefined;
        const page = await renderErrorPage(c, status === 400 || status === 403 || status === 404 ? status : 500, requestId, detail).catch(
          () => null,
        );
        if (page) return page;
      }
    }
    if (err instanceof AppError) {
      const res = c.json(errorBody(err, lang, requestId), err.statusCode());
      const retryAfter = err.details?.['retryAfterSeconds'];
      if (err.code === 'too_many_requests' && typeof retryAfter === 'number') res.headers.set('Retry-After', String(retryAfter));
      return res;
    }
    console.error(JSON.stringify({ requestId, path: c.req.path, error: String(err), stack: (err as Error).stack }));
    return c.json(errorBody(new AppError('internal'), lang, requestId), 500);
  });

  return app;
}
