import type { Context } from 'hono';
import type { AppEnv } from './route';
import { randomToken } from './crypto';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const STYLE = `
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

export interface PageOptions {
  title: string;
  body: string;
  script?: string;
  header?: string;
  /** Origins allowed to frame the page (widgets); other pages cannot be framed. */
  frameAncestors?: string[];
  status?: 200 | 401 | 404;
}

/** Every HTML page: one stylesheet, inline script allowed by a per-response nonce only. */
export function htmlPage(c: Context<AppEnv>, opts: PageOptions): Response {
  const nonce = randomToken(16);
  const frames = opts.frameAncestors ? ["'self'", ...opts.frameAncestors].join(' ') : "'none'";
  c.header(
    'Content-Security-Policy',
    `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors ${frames}`,
  );
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'same-origin');
  const lang = c.var.lang;
  return c.html(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(opts.title)} — Воронка</title><style>${STYLE}</style></head>
<body>${opts.header ?? ''}<main>${opts.body}</main>${opts.script ? `<script nonce="${nonce}">${opts.script}</script>` : ''}</body></html>`,
    opts.status ?? 200,
  );
}

export function appHeader(userName: string): string {
  return `<header><b>Воронка</b><nav><a href="/app">Главная</a><a href="/app/clients">Клиенты</a><a href="/app/reports">Отчёты</a><a href="/app/plans">Планы</a><a href="/app/pay">Зарплата</a><a href="/app/tokens">Токены и виджеты</a><a href="/api/docs">API</a></nav>
<span class="who">${escapeHtml(userName)}</span><button class="secondary" id="sign-out" style="margin:0">Выйти</button></header>`;
}

export const SIGN_OUT_SCRIPT = `document.getElementById('sign-out')?.addEventListener('click',async()=>{await fetch('/api/auth/sign-out',{method:'POST'});location.href='/sign-in'});`;
