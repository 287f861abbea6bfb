/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { AuditQuery } from '../../../../schema/contracts';
import { type Lang, type MessageKey, msg, msgf, zoneLabel } from '../../platform/i18n';
import { formatDateTime } from '../../platform/ru-format';
import type { listAudit } from '../list';

type Listing = Awaited<ReturnType<typeof listAudit>>;

const ACTIONS = [
  'read',
  'view',
  'export',
  'change',
  'merge',
  'assign',
  'hand_over',
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'token_create',
  'token_revoke',
] as const;
const actionTitle = (action: string, lang: Lang) =>
  (ACTIONS as readonly string[]).includes(action) ? msg(`audit.action.${action as (typeof ACTIONS)[number]}`, lang) : action;

/** What a row says beyond its action, short: the route and how many records for a read, else the details as given. */
function summary(details: Record<string, unknown> | null, lang: Lang): string {
  if (!details) return '';
  if (typeof details['route'] === 'string') {
    const parts = [String(details['route'])];
    if (typeof details['count'] === 'number') parts.push(msgf('audit.records', lang, { count: details['count'] }));
    if (Array.isArray(details['filters']) && details['filters'].length)
      parts.push(msgf('audit.filters', lang, { filters: details['filters'].join(', ') }));
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
 * with «Дальше» to page, and the same selection as CSV. Times in the admin's own zone; names, the
 * principal and stored details are data (`translate="no"`).
 */
export function AuditView({
  listing,
  filters,
  users,
  lang,
  timeZone,
}: {
  listing: Listing;
  filters: AuditQuery;
  users: { id: number; name: string }[];
  lang: Lang;
  timeZone: string;
}): Child {
  const m = (k: MessageKey) => msg(k, lang);
  const { before: _before, ...kept } = filters;
  return (
    <div class="card">
      <h1 style="margin-top:0">{m('audit.title')}</h1>
      <p class="muted">{m('audit.intro')}</p>
      <form method="get" action="/app/audit" class="filters">
        <label>
          {m('audit.user')}{' '}
          <select name="userId">
            <option value="">{m('audit.all')}</option>
            {users.map((u) => (
              <option value={String(u.id)} selected={filters.userId === u.id} translate="no">
                {u.name}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {m('audit.company')}{' '}
          <input name="companyId" inputmode="numeric" size={8} value={filters.companyId ? String(filters.companyId) : ''} />
        </label>{' '}
        <label>
          {m('audit.action')}{' '}
          <select name="action">
            <option value="">{m('audit.all')}</option>
            {ACTIONS.map((id) => (
              <option value={id} selected={filters.action === id}>
                {actionTitle(id, lang)}
              </option>
            ))}
          </select>
        </label>{' '}
        <label>
          {m('audit.from')} <input type="date" name="from" value={filters.from ?? ''} />
        </label>{' '}
        <label>
          {m('audit.to')} <input type="date" name="to" value={filters.to ?? ''} />
        </label>{' '}
        <button type="submit">{m('audit.show')}</button> <a href={`/api/audit/export.csv?${query(kept)}`}>{m('audit.csv')}</a>
      </form>
      <table id="audit">
        <thead>
          <tr>
            <th>{msgf('audit.col.when', lang, { zone: zoneLabel(timeZone, lang) })}</th>
            <th>{m('audit.col.who')}</th>
            <th>{m('audit.action')}</th>
            <th>{m('audit.col.entity')}</th>
            <th>{m('audit.col.details')}</th>
          </tr>
        </thead>
        <tbody>
          {listing.items.length ? (
            listing.items.map((e) => (
              <tr>
                <td>{formatDateTime(e.at, timeZone)}</td>
                <td translate="no" data-value>
                  {e.userName ?? '—'} <span class="muted">({e.principal})</span>
                </td>
                <td>{actionTitle(e.action, lang)}</td>
                <td>
                  {e.entity === 'company' && e.entityId ? (
                    <a href={`/app/clients/${e.entityId}`}>{msgf('audit.clientNo', lang, { id: e.entityId })}</a>
                  ) : (
                    `${e.entity}${e.entityId ? ` №${e.entityId}` : ''}`
                  )}
                </td>
                <td translate="no" data-value>
                  {summary(e.details, lang)}
                </td>
              </tr>
            ))
          ) : (
            <tr>
              <td colspan={5} class="muted">
                {m('audit.none')}
              </td>
            </tr>
          )}
        </tbody>
      </table>
      {listing.nextBefore !== null ? (
        <p>
          <a id="audit-next" href={`/app/audit?${query({ ...kept, before: listing.nextBefore })}`}>
            {m('audit.next')}
          </a>
        </p>
      ) : null}
    </div>
  );
}
