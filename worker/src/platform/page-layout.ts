import type { Context } from 'hono';
import type { AppEnv } from './route';
import { AppHeader, pageHeaders, STYLE } from './page';

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

export interface PageOptions {
  title: string;
  body: string;
  script?: string;
  header?: string;
  /** Origins allowed to frame the page (widgets); other pages cannot be framed. */
  frameAncestors?: string[];
  status?: 200 | 401 | 404;
}

/**
 * A page whose body is still an HTML string (pages not yet moved to components, platform/page.tsx):
 * the same document, headers and scripts as renderPage; values in `body` are escaped by hand.
 */
export function htmlPage(c: Context<AppEnv>, opts: PageOptions): Response {
  const nonce = pageHeaders(c, opts.frameAncestors);
  const signedIn = opts.header ? `<script type="module" nonce="${nonce}" src="/app/app.js"></script>` : '';
  return c.html(
    `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(opts.title)} — Воронка</title><style>${STYLE}</style></head>
<body>${opts.header ?? ''}<main>${opts.body}</main>${signedIn}${opts.script ? `<script nonce="${nonce}">${opts.script}</script>` : ''}</body></html>`,
    opts.status ?? 200,
  );
}

export function appHeader(userName: string): string {
  return String(AppHeader({ userName }));
}
