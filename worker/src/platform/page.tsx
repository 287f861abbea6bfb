/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import { randomToken } from './crypto';
import type { AppEnv } from './route';

/**
 * Server pages are hono/jsx components (docs/decisions.md #30): the renderer
 * escapes every value, so no view escapes by hand. Page scripts are typed modules from the pages
 * build (pages/src/<name>.ts → /app/<name>.js), loaded with this response's CSP nonce; data a script
 * needs rides in a JSON island. No HTML, CSS or JS lives in a route file.
 */
export interface PageSpec {
  title: string;
  body: Child;
  /** The signed-in header with the menu and «Выйти» (its script comes with it); none on sign-in and widget frames. */
  header?: { userName: string; role?: 'manager' | 'head' | 'admin' } | null;
  /** Page scripts by name (pages/src/<name>.ts, loaded as modules); a path (`/w/month.js`) is a classic deferred script. */
  scripts?: string[];
  /** JSON islands by id, for the page scripts. */
  data?: Record<string, unknown>;
  /** Origins allowed to frame the page (widgets); other pages cannot be framed. */
  frameAncestors?: string[];
  status?: 200 | 401 | 403 | 404;
}

export const STYLE = `
:root{--ink:#1d2433;--muted:#5b6475;--line:#dde2ea;--brand:#1f6feb;--bg:#f6f8fb;--bad:#b42318;--ok:#067647}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header{background:#fff;border-bottom:1px solid var(--line);padding:12px 24px;display:flex;flex-wrap:wrap;gap:16px;align-items:center}
header b{font-size:18px}header nav{display:flex;gap:14px;flex-wrap:wrap}header .who{margin-left:auto;color:var(--muted)}
main{max-width:1100px;margin:24px auto;padding:0 16px}a{color:var(--brand)}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px;margin-bottom:16px}
label{display:block;margin:10px 0 4px;color:var(--muted)}input,select{width:100%;padding:9px 10px;border:1px solid var(--line);border-radius:6px;font:inherit}
button{background:var(--brand);color:#fff;border:0;border-radius:6px;padding:9px 16px;font:inherit;cursor:pointer;margin-top:14px}
button.secondary{background:#fff;color:var(--ink);border:1px solid var(--line)}
.error{color:var(--bad)}.ok{color:var(--ok)}.muted{color:var(--muted)}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:8px;border-bottom:1px solid var(--line);vertical-align:top}
code{background:#eef1f5;padding:1px 5px;border-radius:4px;word-break:break-all}
@media print{header nav,button{display:none}body{background:#fff}}
`;

const MENU: [href: string, label: string][] = [
  ['/app', 'Главная'],
  ['/app/clients', 'Клиенты'],
  ['/app/reports', 'Отчёты'],
  ['/app/plans', 'Планы'],
  ['/app/pay', 'Зарплата'],
  ['/app/tokens', 'Токены и виджеты'],
  ['/api/docs', 'API'],
];

/** The admin's pages, in the menu of a page that says its reader is the admin. */
const ADMIN_MENU: [href: string, label: string][] = [
  ['/app/admin/users', 'Пользователи'],
  ['/app/admin/integrations', 'Интеграции'],
  ['/app/sync', 'Обмен данными'],
];

export function AppHeader({ userName, role }: { userName: string; role?: string | undefined }): Child {
  return (
    <header>
      <b>Воронка</b>
      <nav>
        {[...MENU, ...(role === 'admin' ? ADMIN_MENU : [])].map(([href, label]) => (
          <a href={href}>{label}</a>
        ))}
      </nav>
      <span class="who">{userName}</span>
      <button class="secondary" id="sign-out" style="margin:0">
        Выйти
      </button>
    </header>
  );
}

/** A JSON island a page script reads (`<` escaped so the data cannot close the script element). */
export function JsonIsland({ id, value, ...attributes }: { id: string; value: unknown; [attribute: `data-${string}`]: string }): Child {
  return (
    <script
      type="application/json"
      id={id}
      {...attributes}
      dangerouslySetInnerHTML={{ __html: JSON.stringify(value).replace(/</g, '\\u003c') }}
    />
  );
}

function Document({
  lang,
  title,
  nonce,
  header,
  children,
  scripts,
  data,
}: {
  lang: string;
  title: string;
  nonce: string;
  header: PageSpec['header'];
  children: Child;
  scripts: string[];
  data: Record<string, unknown>;
}): Child {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${title} — Воронка`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        {header ? <AppHeader userName={header.userName} role={header.role} /> : null}
        <main>{children}</main>
        {Object.entries(data).map(([id, value]) => (
          <JsonIsland id={id} value={value} />
        ))}
        {scripts.map((name) =>
          name.startsWith('/') ? <script nonce={nonce} src={name} defer /> : <script type="module" nonce={nonce} src={`/app/${name}.js`} />,
        )}
      </body>
    </html>
  );
}

/** The security headers every page carries; inline script only by this response's nonce. */
export function pageHeaders(c: Context<AppEnv>, frameAncestors?: string[]): string {
  const nonce = randomToken(16);
  const frames = frameAncestors ? ["'self'", ...frameAncestors].join(' ') : "'none'";
  c.header(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors ${frames}`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  return nonce;
}

/** One page: the document around `body`, the signed-in header and its script, the page's scripts. */
export async function renderPage(c: Context<AppEnv>, spec: PageSpec): Promise<Response> {
  const nonce = pageHeaders(c, spec.frameAncestors);
  const scripts = [...(spec.header ? ['app'] : []), ...(spec.scripts ?? [])];
  const html =
    await // The pages are written in Russian whatever the browser asks for: their lang says so (API errors follow Accept-Language).
    (
      <Document lang="ru" title={spec.title} nonce={nonce} header={spec.header ?? null} scripts={scripts} data={spec.data ?? {}}>
        {spec.body}
      </Document>
    ).toString();
  return c.html(`<!doctype html>${html}`, spec.status ?? 200);
}
