/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { DEFAULT_TIME_ZONE, formatDateTime } from '../../platform/ru-format';
import type { listIntegrations } from '../integrations/status';
import { StackStyle } from './stack';

type Integrations = Awaited<ReturnType<typeof listIntegrations>>;
type Card = Integrations['items'][number];

const CHECK_WHAT: Record<Card['check'], string> = {
  hook: 'отправит себе подписанное тестовое событие через адрес АТС; оно будет отмечено как проверка, не как звонок',
  ping: 'отправит себе запрос, подписанный секретом 1С',
  odata: 'запросит у 1С $metadata стандартного интерфейса OData',
  mail: 'покажет адрес и последнее полученное письмо',
};

function IntegrationCard({ card }: { card: Card }): Child {
  return (
    <section class="card" data-integration={card.id}>
      <h2 style="margin-top:0">{card.title}</h2>
      <p data-state class={card.configured ? 'ok' : 'error'}>
        {card.configured ? 'Настроено' : `Не настроено: не заданы ${card.missing.join(', ')}`}
      </p>
      {card.url ? (
        <p>
          Адрес для провайдера: <code data-url>{card.url}</code>
          <br />
          <span class="muted">{card.where}</span>
        </p>
      ) : (
        <p class="muted">{card.where}</p>
      )}
      {card.id === 'mail' ? (
        <p>
          Адрес для копии писем:{' '}
          {card.mailAddress ? <code data-mail-address>{card.mailAddress}</code> : <span class="muted">не задан (MAIL_ADDRESS)</span>}
        </p>
      ) : null}
      <table class="settings stack">
        <thead>
          <tr>
            <th>Настройка</th>
            <th>Что это</th>
            <th>Задана</th>
          </tr>
        </thead>
        <tbody>
          {card.settings.map((s) => (
            <tr data-setting={s.name}>
              <td data-label="Настройка">
                <code>{s.name}</code>
                {s.secret ? <span class="muted"> (секрет)</span> : null}
              </td>
              <td data-label="Что это">
                {s.what}
                {s.required ? '' : ' — необязательно'}
              </td>
              <td data-label="Задана" class={s.set ? 'ok' : s.required ? 'error' : 'muted'}>
                {s.set ? 'да' : 'нет'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {card.commands.length ? (
        <details>
          <summary>Как задать недостающее</summary>
          <p class="muted">Секреты хранятся только в Cloudflare (wrangler secret), страница их не показывает и не принимает.</p>
          <pre style="white-space:pre-wrap">{card.commands.join('\n')}</pre>
        </details>
      ) : null}
      <p data-counts>
        Последнее получено: {card.lastReceivedAt ? formatDateTime(card.lastReceivedAt, DEFAULT_TIME_ZONE) : 'ничего'} · за 24 ч принято{' '}
        {card.stored24h}, повторов {card.duplicate24h}, отклонено <span class={card.rejected24h ? 'error' : ''}>{card.rejected24h}</span>
      </p>
      <button type="button" class="secondary" data-check={card.id} disabled={!card.configured} title={CHECK_WHAT[card.check]}>
        Проверить
      </button>
      <p class="muted" style="margin:4px 0 0">
        {CHECK_WHAT[card.check]}
      </p>
      <p data-check-result role="status" aria-live="polite"></p>
    </section>
  );
}

/**
 * The admin's integrations page: one card per integration (admin/integrations/catalogue.ts), what is
 * set and what is missing (names, never values), the URL to paste, the last 24 hours, and «Проверить»
 * (pages/src/integrations.ts posts to /api/admin/integrations/:id/check and shows the answer).
 */
export function IntegrationsView({ integrations }: { integrations: Integrations }): Child {
  return (
    <>
      <StackStyle />
      <div class="card">
        <h1 style="margin-top:0">Интеграции</h1>
        <p class="muted">
          Адреса построены от{' '}
          {integrations.originFrom === 'PUBLIC_URL' ? 'PUBLIC_URL' : 'адреса, по которому открыта эта страница (PUBLIC_URL не задан)'}:{' '}
          <code>{integrations.origin}</code>. Что пришло и что отклонено — на странице <a href="/app/sync">«Синхронизация»</a>.
        </p>
      </div>
      {integrations.items.map((card) => (
        <IntegrationCard card={card} />
      ))}
    </>
  );
}
