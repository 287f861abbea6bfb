/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { UserRole } from '../../../schema/db';
import { randomToken } from './crypto';
import { type Lang, type MessageKey, messagesFor, msg, pageLang } from './i18n';
import type { AppEnv } from './route';
import { sessionLang } from './principal';

/**
 * Server pages are hono/jsx components (docs/decisions.md #30): the renderer
 * escapes every value, so no view escapes by hand. Page scripts are typed modules from the pages
 * build (pages/src/<name>.ts → /app/<name>.js), loaded with this response's CSP nonce; data a script
 * needs rides in a JSON island. No HTML, CSS or JS lives in a route file.
 */
export interface PageSpec {
  title: string;
  body: Child;
  /** The signed-in header with the search box, the menu and «Выйти» (its script comes with it); none on sign-in and widget frames. */
  header?: { userName: string } | null;
  /** Page scripts by name (pages/src/<name>.ts, loaded as modules); a path (`/w/month.js`) is a classic deferred script. */
  scripts?: string[];
  /** JSON islands by id, for the page scripts. */
  data?: Record<string, unknown>;
  /** Origins allowed to frame the page (widgets); other pages cannot be framed. */
  frameAncestors?: string[];
  status?: 200 | 400 | 401 | 403 | 404 | 500;
  /** The body's own language when it is not the page's: bodies not yet translated are Russian (`lang="ru"` on main). */
  bodyLang?: Lang | 'same';
}

export const STYLE = `
:root{--ink:#1d2433;--muted:#5b6475;--line:#dde2ea;--brand:#1f6feb;--bg:#f6f8fb;--bad:#b42318;--ok:#067647}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:8px 24px;display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center}
header .brand{font-weight:700;font-size:18px;color:var(--ink);text-decoration:none}
header .search{position:relative;flex:1 1 300px;max-width:560px;margin:0}header .search input{padding:7px 10px}
header .who{margin-left:auto;color:var(--muted)}header .tools{display:flex;gap:10px;align-items:center}header .tools button{margin:0;padding:6px 12px}
header nav{flex-basis:100%;display:flex;gap:2px 16px;flex-wrap:wrap}header nav a{text-decoration:none;padding:2px 0;border-bottom:2px solid transparent}
header nav a[aria-current=page]{color:var(--ink);font-weight:600;border-bottom-color:var(--brand)}
header .menu-btn{display:none;margin:0;padding:6px 10px;background:#fff;color:var(--ink);border:1px solid var(--line)}
.suggest{position:absolute;z-index:20;left:0;right:0;top:100%;margin:2px 0 0;padding:4px 0;list-style:none;background:#fff;border:1px solid var(--line);border-radius:8px;box-shadow:0 6px 20px rgba(29,36,51,.12);max-height:70vh;overflow:auto}
.suggest li{padding:6px 12px;cursor:pointer;display:flex;flex-wrap:wrap;gap:0 8px;align-items:baseline}.suggest li small{color:var(--muted)}
.suggest li[aria-selected=true]{background:#eaf2ff}.suggest li.note{cursor:default;color:var(--muted)}
main{max-width:1100px;margin:24px auto;padding:0 16px}a{color:var(--brand)}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px;margin-bottom:16px}
label{display:block;margin:10px 0 4px;color:var(--muted)}input,select{width:100%;padding:9px 10px;border:1px solid var(--line);border-radius:6px;font:inherit}
button{background:var(--brand);color:#fff;border:0;border-radius:6px;padding:9px 16px;font:inherit;cursor:pointer;margin-top:14px}
button.secondary{background:#fff;color:var(--ink);border:1px solid var(--line)}
.error{color:var(--bad)}.ok{color:var(--ok)}.muted{color:var(--muted)}
table{width:100%;border-collapse:collapse;background:#fff}th,td{text-align:left;padding:8px;border-bottom:1px solid var(--line);vertical-align:top}
header .badge{display:inline-block;min-width:20px;margin-left:4px;padding:0 6px;border-radius:10px;background:var(--bad);color:#fff;font-size:12px;text-align:center}
code{background:#eef1f5;padding:1px 5px;border-radius:4px;word-break:break-all}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:720px){
header.top{padding:8px 12px;gap:8px;position:relative}header .search{flex:1 1 0;min-width:0;position:static}.suggest{left:8px;right:8px}
header .menu-btn{display:block}header nav,header .tools{display:none}header .who{display:none}
header.open nav{display:flex;flex-direction:column;gap:0}header.open nav a{padding:10px 0;border-bottom:1px solid var(--line)}
header.open nav a[aria-current=page]{border-bottom-color:var(--brand)}
header.open .who{display:block;margin:0}header.open .tools{display:flex;flex-basis:100%;justify-content:space-between}
main{margin:12px auto;padding:0 8px}.card{padding:14px;overflow-x:auto}h1{font-size:21px}
}
@media print{header.top,button{display:none}body{background:#fff}}
`;

const ALL_ROLES: readonly UserRole[] = ['manager', 'head', 'admin'];

/** One menu entry: who sees it; `also` are paths outside `href` that belong to it (marked current there too). */
export interface MenuEntry {
  href: string;
  label: MessageKey;
  roles: readonly UserRole[];
  also?: string[];
}

/**
 * The menu as data: an entry is one line here with the roles that see it (a page still checks its
 * own access — hiding a link is not a permission). Order is the order shown.
 */
export const MENU: MenuEntry[] = [
  { href: '/app/today', label: 'menu.today', roles: ALL_ROLES, also: ['/app'] },
  { href: '/app/tasks', label: 'menu.tasks', roles: ALL_ROLES },
  { href: '/app/clients', label: 'menu.clients', roles: ALL_ROLES },
  { href: '/app/clients/new', label: 'menu.newClient', roles: ALL_ROLES },
  { href: '/app/reports', label: 'menu.reports', roles: ALL_ROLES },
  { href: '/app/plans', label: 'menu.plans', roles: ALL_ROLES },
  { href: '/app/pay', label: 'menu.pay', roles: ALL_ROLES },
  { href: '/app/import', label: 'menu.import', roles: ALL_ROLES },
  { href: '/app/sync', label: 'menu.sync', roles: ['admin'] },
  { href: '/app/admin/users', label: 'menu.users', roles: ['admin'] },
  { href: '/app/admin/integrations', label: 'menu.integrations', roles: ['admin'] },
  { href: '/app/audit', label: 'menu.audit', roles: ['admin'] },
  { href: '/app/tokens', label: 'menu.tokens', roles: ALL_ROLES },
  { href: '/api/docs', label: 'menu.api', roles: ALL_ROLES },
];

const within = (path: string, href: string) => path === href || (href !== '/app' && path.startsWith(`${href}/`));

/** The entries a role sees, and which one the path belongs to (the longest that holds it). */
export function menuFor(role: UserRole, path: string): { entry: MenuEntry; current: boolean }[] {
  const entries = MENU.filter((e) => e.roles.includes(role));
  const holds = (e: MenuEntry) => [e.href, ...(e.also ?? [])].filter((h) => within(path, h)).reduce((n, h) => Math.max(n, h.length), -1);
  const best = entries.reduce<MenuEntry | null>((b, e) => (holds(e) > (b ? holds(b) : -1) ? e : b), null);
  return entries.map((entry) => ({ entry, current: best !== null && entry === best && holds(entry) >= 0 }));
}

export interface ShellUser {
  name: string;
  role: UserRole;
}

/** The signed-in header: brand, the search box (pages/src/app.ts makes it suggest), the role's menu, the language switch and «Выйти». */
export function AppHeader({ user, path, lang }: { user: ShellUser; path: string; lang: Lang }): Child {
  const m = (k: MessageKey) => msg(k, lang);
  return (
    <header class="top" id="top">
      <a class="brand" href="/app">
        {m('brand')}
      </a>
      <form class="search" role="search" method="get" action="/app/clients" id="search">
        <label for="search-q" class="sr-only">
          {m('search.label')}
        </label>
        <input
          id="search-q"
          name="q"
          type="search"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded="false"
          aria-controls="search-list"
          autocomplete="off"
          maxlength={200}
          placeholder={m('search.placeholder')}
        />
        <ul id="search-list" class="suggest" role="listbox" aria-label={m('search.label')} hidden />
      </form>
      <button type="button" class="menu-btn" id="menu-toggle" aria-expanded="false" aria-controls="menu">
        ☰ <span>{m('menu.open')}</span>
      </button>
      <span class="who">{user.name}</span>
      <span class="tools">
        <button type="button" class="secondary" id="lang-switch" data-lang={lang === 'ru' ? 'en' : 'ru'} lang={lang === 'ru' ? 'en' : 'ru'}>
          {m('menu.otherLang')}
        </button>
        <button type="button" class="secondary" id="sign-out">
          {m('menu.signOut')}
        </button>
      </span>
      <nav id="menu" aria-label={m('menu.label')}>
        {menuFor(user.role, path).map(({ entry, current }) => (
          <a href={entry.href} aria-current={current ? 'page' : undefined}>
            {m(entry.label)}
            {/* Overdue tasks and missed calls, filled by pages/src/app.ts from /api/today/counts. */}
            {entry.href === '/app/today' ? <span class="badge" id="menu-today-count" hidden /> : null}
          </a>
        ))}
      </nav>
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

/** Strings the header's script shows (suggestions), in the page's language. */
const SHELL_TEXT = [
  'search.none',
  'search.all',
  'search.byInn',
  'search.byPhone',
  'search.byEmail',
  'search.pool',
  'search.failed',
  'menu.todayCount',
] as const;

function Document({
  lang,
  bodyLang,
  title,
  nonce,
  header,
  children,
  scripts,
  data,
}: {
  lang: Lang;
  bodyLang: Lang;
  title: string;
  nonce: string;
  header: { user: ShellUser; path: string } | null;
  children: Child;
  scripts: string[];
  data: Record<string, unknown>;
}): Child {
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>{`${title} — ${msg('brand', lang)}`}</title>
        <style dangerouslySetInnerHTML={{ __html: STYLE }} />
      </head>
      <body>
        {header ? <AppHeader user={header.user} path={header.path} lang={lang} /> : null}
        <main lang={bodyLang === lang ? undefined : bodyLang}>{children}</main>
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

/**
 * The language of the pages for this request: the signed-in user's setting (users.lang, loaded with
 * his session — no query of its own); without a session (sign-in, a 401) the browser's last choice
 * (platform/i18n.ts LANG_COOKIE); Russian by default.
 */
export function uiLang(c: Context<AppEnv>): Lang {
  return sessionLang(c.get('principal')) ?? pageLang(c.req.header('cookie'));
}

/**
 * One page: the document around `body`, the signed-in header (role-aware menu, search box) and its
 * script, the page's scripts. The header's role comes from the request's caller (route.ts sets it).
 */
export async function renderPage(c: Context<AppEnv>, spec: PageSpec): Promise<Response> {
  const nonce = pageHeaders(c, spec.frameAncestors);
  const lang = uiLang(c);
  const principal = c.get('principal');
  const role = principal?.kind === 'user' ? principal.user.role : 'manager';
  const header = spec.header ? { user: { name: spec.header.userName, role }, path: c.req.path } : null;
  const scripts = [...(header ? ['app'] : []), ...(spec.scripts ?? [])];
  const data = header ? { 'shell-text': messagesFor(SHELL_TEXT, lang), ...spec.data } : (spec.data ?? {});
  const html = await (
    <Document
      lang={lang}
      bodyLang={spec.bodyLang === 'same' ? lang : (spec.bodyLang ?? 'ru')}
      title={spec.title}
      nonce={nonce}
      header={header}
      scripts={scripts}
      data={data}
    >
      {spec.body}
    </Document>
  ).toString();
  return c.html(`<!doctype html>${html}`, spec.status ?? 200);
}
