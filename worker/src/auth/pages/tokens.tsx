/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, msg } from '../../platform/i18n';

/** The widgets a user is offered after creating an embed token; the region one is for heads and admins. */
export const WIDGET_CHOICES = [
  { name: 'today', title: 'tokens.widget.today', forRoles: ['manager', 'head', 'admin'] },
  { name: 'month', title: 'tokens.widget.month', forRoles: ['manager', 'head', 'admin'] },
  { name: 'region', title: 'tokens.widget.region', forRoles: ['head', 'admin'] },
] as const satisfies readonly { name: string; title: MessageKey; forRoles: readonly string[] }[];

export function widgetChoicesFor(role: string, lang: Lang): { name: string; title: string }[] {
  return WIDGET_CHOICES.filter((w) => (w.forRoles as readonly string[]).includes(role)).map(({ name, title }) => ({
    name,
    title: msg(title, lang),
  }));
}

/** The strings pages/src/tokens.ts shows, through the JSON island. */
export const TOKENS_SCRIPT_TEXT = [
  'tokens.kind.api',
  'tokens.kind.widget',
  'tokens.copied',
  'tokens.copy',
  'tokens.iframeUrl',
  'tokens.snippet',
  'tokens.revoked',
  'tokens.revoke',
  'tokens.askRevoke',
  'tokens.none',
  'tokens.secretOnce',
] as const satisfies readonly MessageKey[];

const STYLE = `.copy{display:flex;gap:8px;align-items:flex-start}.copy code{flex:1;padding:6px 8px}.copy button{margin:0;white-space:nowrap}
.widget-choice{border-top:1px solid var(--line);margin-top:14px;padding-top:4px}.widget-choice h3{margin:8px 0 0;font-size:16px}`;

/**
 * API tokens (the extension) and embed tokens (widgets): issue, list, revoke. A secret is shown once,
 * right after it is issued, with the iframe address and the <script> snippet of each widget (pages/src/tokens.ts).
 */
export function TokensView({ frameAncestors, lang }: { frameAncestors: string[]; lang: Lang }): Child {
  const m = (k: MessageKey) => msg(k, lang);
  return (
    <>
      <style>{STYLE}</style>
      <div class="card">
        <h1 style="margin-top:0">{m('tokens.title')}</h1>
        <p class="muted">{m('tokens.intro')}</p>
        {frameAncestors.length ? (
          <p class="muted">
            {m('tokens.frameFrom')}{' '}
            {frameAncestors.map((o) => (
              <>
                <code>{o}</code>{' '}
              </>
            ))}
            {m('tokens.frameSetting')}
          </p>
        ) : (
          <p class="error">{m('tokens.noFrame')}</p>
        )}
        <form id="new-token">
          <label for="kind">{m('tokens.kind')}</label>
          <select id="kind" name="kind">
            <option value="embed">{m('tokens.kind.embed')}</option>
            <option value="api">{m('tokens.kind.api')}</option>
          </select>
          <label for="name">{m('tokens.name')}</label>
          <input id="name" name="name" required maxlength={100} placeholder={m('tokens.namePlaceholder')} />
          <button type="submit">{m('tokens.issue')}</button>
        </form>
        <div id="created" />
      </div>
      <div class="card">
        <table>
          <thead>
            <tr>
              <th>{m('tokens.kind')}</th>
              <th>{m('tokens.name')}</th>
              <th>{m('tokens.col.prefix')}</th>
              <th>{m('tokens.col.created')}</th>
              <th>{m('tokens.col.used')}</th>
              <th />
            </tr>
          </thead>
          <tbody id="tokens" />
        </table>
      </div>
    </>
  );
}
