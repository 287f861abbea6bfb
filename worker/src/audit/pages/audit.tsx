/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { AuditQuery } from '../../../../schema/contracts';
import { formatDateTime } from '../../platform/ru-format';
import type { listAudit } from '../list';

type Listing = Awaited<ReturnType<typeof listAudit>>;

export const ACTION_RU: Record<string, string> = {
  read: 'Просмотр персональных данных',
  view: 'Открыл карточку клиента',
  export: 'Выгрузка',
  change: 'Изменение',
  merge: 'Объединение',
  assign: 'Смена ответственного',
  hand_over: 'Передача клиентов',
  sign_in: 'Вход',
  sign_in_failed: 'Неудачный вход',
  sign_out: 'Выход',
  token_create: 'Выпуск токена',
  token_revoke: 'Отзыв токена',
};

/** What a row says beyond its action, short: the route and how many records for a read, else the details as given. */
function summary(details: Record<string, unknown> | null): string {
  if (!details) return '';
  if (typeof details['route'] === 'string') {
    const parts = [String(details['route'])];
    if (typeof details['count'] === 'number') parts.push(`записей: ${details['count']}`);
    if (Array.isArray(details['filters']) && details['filters'].length) parts.push(`фильтры: ${details['filters'].join(', ')}`);
    return parts.join(' · ');
  }
  const text = JSON.stringify(details);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const query = (q: Partial<AuditQuery>) =>
  new URLSearchParams(
    Object.entries(q).flatMap(([k, v]): [string, string][] => (v === undefined || v === '' || k === 'limit' ? [] : [[k, String(v)]])),
  ).toString();

/**
 * The admin's audit trail: a filter form (a plain GET form: nothing to run), the rows newest first
 * with «Дальше» to page, and the same selection as CSV.
 */
export function AuditView({
  listing,
  filters,
  users,
}: {
  listing: Listing;
  filters: AuditQuery;
  users: { id: number; name: string }[];
}): Child {
  const { before: _before, ...kept } = filters;
  return (
    <div class="card">
      <h1 style="margin-top:0">Журнал аудита</h1>
      <p class="muted">
        Кто и когда смотрел и выгружал персональные данные клиентов, что менял, кто входил. Сами данные в журнал не пишутся — только адрес
        запроса, клиент и число записей.
      </p>
      <form method="get" action="/app/audit" class="filters">
        <label>
          Пользователь{' '}
          <select name="userId">
            <option value="">все</option>
            {users.map((u) => (
              <option value={String(u.id)} selected={filters.userId === u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          Клиент (номер) <input name="companyId" inputmode="numeric" size={8} value={filters.companyId ? String(filters.companyId) : ''} />
        </label>{' '}
        <label>
          Действие{' '}
          <select name="action">
            <option value="">все</option>
            {Object.entries(ACTION_RU).map(([id, title]) => (
              <option value={id} selected={filters.action === id}>
                {title}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          С <input type="date" name="from" value={filters.from ?? ''} />
        </label>{' '}
        <label>
          по <input type="date" name="to" value={filters.to ?? ''} />
        </label>{' '}
        <button type="submit">Показать</button> <a href={`/api/audit/export.csv?${query(kept)}`}>Скачать CSV</a>
      </form>
      <table id="audit">
        <thead>
          <tr>
            <th>Когда (МСК)</th>
            <th>Кто</th>
            <th>Действие</th>
            <th>Объект</th>
            <th>Подробности</th>
          </tr>
        </thead>
        <tbody>
          {listing.items.length ? (
            listing.items.map((e) => (
              <tr>
                <td>{formatDateTime(e.at, 'Europe/Moscow')}</td>
                <td>
                  {e.userName ?? '—'} <span class="muted">({e.principal})</span>
                </td>
                <td>{ACTION_RU[e.action] ?? e.action}</td>
                <td>
                  {e.entity === 'company' && e.entityId ? (
                    <a href={`/app/clients/${e.entityId}`}>клиент №{e.entityId}</a>
                  ) : (
                    `${e.entity}${e.entityId ? ` №${e.entityId}` : ''}`
                  )}
                </td>
                <td>{summary(e.details)}</td>
              </tr>
            ))
          ) : (
            <tr>
              <td colspan={5} class="muted">
                Записей нет — измените фильтры.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {listing.nextBefore !== null ? (
        <p>
          <a id="audit-next" href={`/app/audit?${query({ ...kept, before: listing.nextBefore })}`}>
            Дальше →
          </a>
        </p>
      ) : null}
    </div>
  );
}
