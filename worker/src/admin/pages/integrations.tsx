/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, msg, msgf } from '../../platform/i18n';
import { formatDateTime } from '../../platform/ru-format';
import type { listIntegrations } from '../integrations/status';
import { StackStyle } from './stack';

type Integrations = Awaited<ReturnType<typeof listIntegrations>>;
type Card = Integrations['items'][number];

/** The strings pages/src/integrations.ts shows, through the JSON island. */
export const INTEGRATIONS_SCRIPT_TEXT = [
  'admin.integrations.checking',
  'admin.integrations.error',
  'admin.integrations.nothing',
] as const satisfies readonly MessageKey[];

/** The page's language and the admin's own time zone (users.time_zone) for «Последнее получено». */
interface Speech {
  lang: Lang;
  timeZone: string;
}

function IntegrationCard({ card, speech: { lang, timeZone } }: { card: Card; speech: Speech }): Child {
  const m = (k: MessageKey) => msg(k, lang);
  const checkWhat = m(`admin.integrations.checkWhat.${card.check}`);
  return (
    <section class="card" data-integration={card.id}>
      <h2 style="margin-top:0">{card.title}</h2>
      <p data-state class={card.configured ? 'ok' : 'error'}>
        {card.configured
          ? m('admin.integrations.configured')
          : msgf('admin.integrations.missing', lang, { names: card.missing.join(', ') })}
      </p>
      {card.url ? (
        <p>
          {m('admin.integrations.url')} <code data-url>{card.url}</code>
          <br />
          <span class="muted">{card.where}</span>
        </p>
      ) : (
        <p class="muted">{card.where}</p>
      )}
      {card.id === 'mail' ? (
        <p>
          {m('admin.integrations.mailAddress')}{' '}
          {card.mailAddress ? (
            <code data-mail-address>{card.mailAddress}</code>
          ) : (
            <span class="muted">{m('admin.integrations.noMailAddress')}</span>
          )}
        </p>
      ) : null}
      <table class="settings stack">
        <thead>
          <tr>
            <th>{m('admin.integrations.col.setting')}</th>
            <th>{m('admin.integrations.col.what')}</th>
            <th>{m('admin.integrations.col.set')}</th>
          </tr>
        </thead>
        <tbody>
          {card.settings.map((s) => (
            <tr data-setting={s.name}>
              <td data-label={m('admin.integrations.col.setting')}>
                <code>{s.name}</code>
                {s.secret ? <span class="muted">{m('admin.integrations.secret')}</span> : null}
              </td>
              <td data-label={m('admin.integrations.col.what')}>
                {s.what}
                {s.required ? '' : m('admin.integrations.optional')}
              </td>
              <td data-label={m('admin.integrations.col.set')} class={s.set ? 'ok' : s.required ? 'error' : 'muted'}>
                {s.set ? m('admin.integrations.yes') : m('admin.integrations.no')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {card.commands.length ? (
        <details>
          <summary>{m('admin.integrations.howTo')}</summary>
          <p class="muted">{m('admin.integrations.secretsNote')}</p>
          <pre style="white-space:pre-wrap">{card.commands.join('\n')}</pre>
        </details>
      ) : null}
      <p data-counts>
        {m('admin.integrations.last')}{' '}
        <span data-last-received>
          {card.lastReceivedAt ? formatDateTime(card.lastReceivedAt, timeZone) : m('admin.integrations.nothing')}
        </span>{' '}
        {m('admin.integrations.stored')} <span data-stored>{card.stored24h}</span>
        {m('admin.integrations.duplicate')} <span data-duplicate>{card.duplicate24h}</span>
        {m('admin.integrations.rejected')}{' '}
        <span data-rejected class={card.rejected24h ? 'error' : ''}>
          {card.rejected24h}
        </span>
      </p>
      <button type="button" class="secondary" data-check={card.id} disabled={!card.configured} title={checkWhat}>
        {m('admin.integrations.check')}
      </button>
      <p class="muted" style="margin:4px 0 0">
        {checkWhat}
      </p>
      <p data-check-result role="status" aria-live="polite"></p>
    </section>
  );
}

/**
 * The admin's integrations page: one card per integration (admin/integrations/catalogue.ts), what is
 * set and what is missing (names, never values), the URL to paste, the last 24 hours, and «Проверить»
 * (pages/src/integrations.ts posts to /api/admin/integrations/:id/check, shows the answer and refreshes
 * the card's counts from /api/admin/integrations).
 */
export function IntegrationsView({ integrations, speech }: { integrations: Integrations; speech: Speech }): Child {
  const m = (k: MessageKey) => msg(k, speech.lang);
  return (
    <>
      <StackStyle />
      <div class="card">
        <h1 style="margin-top:0">{m('admin.integrations.title')}</h1>
        <p class="muted">
          {m('admin.integrations.originFrom')}{' '}
          {integrations.originFrom === 'PUBLIC_URL' ? 'PUBLIC_URL' : m('admin.integrations.originRequest')}:{' '}
          <code>{integrations.origin}</code>. {m('admin.integrations.seeSync')} <a href="/app/sync">{m('admin.integrations.syncLink')}</a>.
        </p>
      </div>
      {integrations.items.map((card) => (
        <IntegrationCard card={card} speech={speech} />
      ))}
    </>
  );
}
