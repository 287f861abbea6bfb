/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';

/** The widgets a user is offered after creating an embed token; the region one is for heads and admins. */
export const WIDGET_CHOICES = [
  { name: 'today', title: 'Мой день', forRoles: ['manager', 'head', 'admin'] },
  { name: 'month', title: 'Мой месяц: план, заработок, воронка', forRoles: ['manager', 'head', 'admin'] },
  { name: 'region', title: 'Регион: план и рейтинг менеджеров', forRoles: ['head', 'admin'] },
] as const;

export function widgetChoicesFor(role: string): { name: string; title: string }[] {
  return WIDGET_CHOICES.filter((w) => (w.forRoles as readonly string[]).includes(role)).map(({ name, title }) => ({ name, title }));
}

const STYLE = `.copy{display:flex;gap:8px;align-items:flex-start}.copy code{flex:1;padding:6px 8px}.copy button{margin:0;white-space:nowrap}
.widget-choice{border-top:1px solid var(--line);margin-top:14px;padding-top:4px}.widget-choice h3{margin:8px 0 0;font-size:16px}`;

/**
 * API tokens (the extension) and embed tokens (widgets): issue, list, revoke. A secret is shown once,
 * right after it is issued, with the iframe address and the <script> snippet of each widget (pages/src/tokens.ts).
 */
export function TokensView({ frameAncestors }: { frameAncestors: string[] }): Child {
  return (
    <>
      <style>{STYLE}</style>
      <div class="card">
        <h1 style="margin-top:0">Токены</h1>
        <p class="muted">
          API-токен подключает расширение Chrome; токен виджета (только чтение, можно отозвать) — виджеты на начальной странице 1С и на
          других порталах. Инструкция: docs/widgets-1c.md.
        </p>
        {frameAncestors.length ? (
          <p class="muted">
            1С может показывать виджеты с адресов:{' '}
            {frameAncestors.map((o) => (
              <>
                <code>{o}</code>{' '}
              </>
            ))}
            (настройка FRAME_ANCESTORS).
          </p>
        ) : (
          <p class="error">
            Не задан FRAME_ANCESTORS: веб-клиент 1С не сможет показать виджет во фрейме — попросите администратора добавить адрес 1С.
          </p>
        )}
        <form id="new-token">
          <label for="kind">Вид</label>
          <select id="kind" name="kind">
            <option value="embed">Виджет 1С (только чтение)</option>
            <option value="api">API (расширение)</option>
          </select>
          <label for="name">Название</label>
          <input id="name" name="name" required maxlength={100} placeholder="Например: 1С, рабочий компьютер" />
          <button type="submit">Выпустить</button>
        </form>
        <div id="created" />
      </div>
      <div class="card">
        <table>
          <thead>
            <tr>
              <th>Вид</th>
              <th>Название</th>
              <th>Начало</th>
              <th>Выпущен</th>
              <th>Использован</th>
              <th />
            </tr>
          </thead>
          <tbody id="tokens" />
        </table>
      </div>
    </>
  );
}
