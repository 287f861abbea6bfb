/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { authenticateUser } from './authenticate';
import { type Lang, type MessageKey, type Text, msg } from './i18n';
import { renderPage, uiLang } from './page';
import type { AppEnv } from './route';

/**
 * Browsers get pages, programs get JSON: a navigation (Sec-Fetch-Mode: navigate, or a GET asking for
 * text/html) to /app gets a Russian page in the layout; /api and every other caller keep the JSON
 * error shape (platform/errors.ts).
 */
export function wantsErrorPage(c: Context<AppEnv>): boolean {
  const path = c.req.path;
  if (path !== '/app' && !path.startsWith('/app/')) return false;
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  return c.req.header('sec-fetch-mode') === 'navigate' || (c.req.header('accept') ?? '').includes('text/html');
}

/** The way to the sign-in page and back to what was asked for. */
export function signInRedirect(c: Context<AppEnv>): Response {
  const asked = new URL(c.req.url);
  return c.redirect(`/sign-in?next=${encodeURIComponent(asked.pathname + asked.search)}`, 302);
}

type PageStatus = 400 | 403 | 404 | 500;

function ErrorView({ status, lang, requestId, detail }: { status: PageStatus; lang: Lang; requestId: string; detail?: string }): Child {
  const m = (k: MessageKey) => msg(k, lang);
  return (
    <div class="card" id="error-page" data-status={String(status)} style="max-width:640px;margin:40px auto">
      <h1 style="margin:0 0 10px">{m(`error.title.${status}`)}</h1>
      <p>{m(`error.text.${status}`)}</p>
      {detail ? <p class="muted">{detail}</p> : null}
      <p style="display:flex;gap:18px">
        <a href="/app">{m('error.home')}</a>
        <a href="/app/clients">{msg('menu.clients', lang)}</a>
      </p>
      <p class="muted" style="margin:0;font-size:13px">{`${m('error.request')}: ${requestId}`}</p>
    </div>
  );
}

/**
 * The error page for a browser: the signed-in header when the caller is known (a route already
 * authenticated him, or — for an unknown address — his session cookie says who he is).
 */
export async function renderErrorPage(c: Context<AppEnv>, status: PageStatus, requestId: string, detail?: Text): Promise<Response> {
  let principal = c.get('principal');
  if (!principal && c.var.db) {
    principal = await authenticateUser(c, ['session'], c.var.db, c.var.config, c.var.now).catch(() => undefined);
    if (principal) c.set('principal', principal);
  }
  const lang = uiLang(c);
  const user = principal?.kind === 'user' ? principal.user : null;
  return renderPage(c, {
    title: msg(`error.title.${status}`, lang),
    header: user ? { userName: user.name } : null,
    body: <ErrorView status={status} lang={lang} requestId={requestId} detail={detail?.[lang]} />,
    status,
    bodyLang: 'same',
  });
}
