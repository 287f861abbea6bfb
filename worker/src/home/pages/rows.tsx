/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { TodayItem } from '../../../../schema/contracts';
import { type Lang, type MessageKey, msg, msgf } from '../../platform/i18n';
import { formatDate, formatDateTime, formatRubles } from '../../platform/ru-format';
import { localDate } from '../../platform/time';

/** The rows of «Мой день» and of the tasks page: what, about whom, when, how much, and the one-click actions (pages/src/today.ts). */

const STYLE = `
h1{margin:0 0 6px;font-size:24px}.region-pick{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin:0 0 12px}
.region-pick label{margin:0}.region-pick select{width:auto;min-width:200px}.region-pick button{margin:0}.counts{display:flex;gap:18px;flex-wrap:wrap;margin:0 0 12px}.counts b{font-size:18px}
.tabs{display:flex;gap:6px;flex-wrap:wrap;margin:0 0 14px}.tabs a{padding:6px 12px;border:1px solid var(--line);border-radius:16px;text-decoration:none;background:#fff}
.tabs a[aria-current="page"]{background:var(--brand);color:#fff;border-color:var(--brand)}
.work{list-style:none;margin:0;padding:0}.work>li{display:grid;grid-template-columns:1fr auto;gap:4px 16px;padding:12px 0;border-bottom:1px solid var(--line)}
.work>li:last-child{border-bottom:0}.work .what{font-size:13px;color:var(--muted)}.work .what.late{color:var(--bad);font-weight:600}
.work .money{font-weight:600;white-space:nowrap;text-align:right}.work .row-actions{grid-column:1/-1;display:flex;gap:8px;flex-wrap:wrap;align-items:center}
.work .row-actions button{margin:0;padding:6px 12px}.work .row-actions input[type=date]{width:auto;padding:5px 8px}
.work .row-actions form{display:flex;gap:6px;align-items:center;margin:0}.work .result{font-size:14px}
.work li.done{opacity:.55}
@media (max-width:640px){.work>li{grid-template-columns:1fr}.work .money{text-align:left}}
`;
/** What pages/src/today.ts shows on «Мой день» and the tasks page (its JSON island `today-text`; platform/messages/clients.ts). */
export const TODAY_SCRIPT_KEYS = ['clients.saving', 'clients.connecting', 'clients.offline', 'clients.pbxCalling'] as const;

export const WorkStyle = () => <style>{raw(STYLE)}</style>;

function when(item: TodayItem, timeZone: string, lang: Lang): string {
  if (item.kind === 'silent')
    return item.at === null ? msg('today.when.noTouch', lang) : msgf('today.when.lastTouch', lang, { date: formatDate(item.at, timeZone) });
  if (item.at === null) return '';
  const date = formatDateTime(item.at, timeZone);
  const key: MessageKey =
    item.kind === 'stuck_lead'
      ? 'today.when.stuck'
      : item.kind === 'missed'
        ? item.overdue
          ? 'today.when.waiting'
          : 'today.when.callBack'
        : item.overdue
          ? 'today.when.overdue'
          : 'today.when.due';
  return msgf(key, lang, { date });
}

interface ListOptions {
  timeZone: string;
  /** A head's or the admin's list names whose each row is. */
  showOwner: boolean;
  /** Done tasks: «Вернуть в работу» (not for a withdrawn one) and «Открыть». */
  history?: boolean;
  lang: Lang;
}

function Row({ item, timeZone, showOwner, history, lang }: ListOptions & { item: TodayItem }): Child {
  const m = (key: MessageKey) => msg(key, lang);
  const open = item.taskId !== null && !item.queued && !history;
  return (
    <li
      data-key={item.key}
      data-task={item.taskId === null ? undefined : String(item.taskId)}
      data-company={item.companyId === null ? undefined : String(item.companyId)}
      data-lead={item.leadId === null ? undefined : String(item.leadId)}
      data-phone={item.phone ?? undefined}
      class={history ? 'done' : undefined}
    >
      <div>
        <div class={`what${item.overdue ? ' late' : ''}`}>
          {m(`today.kind.${item.kind}`)}
          {item.queued ? ` · ${m('today.queued')}` : ''}
          {item.cancelled ? ` · ${m('today.cancelled')}` : ''} · {when(item, timeZone, lang)}
        </div>
        <b>
          {item.companyId !== null ? (
            <a href={`/app/clients/${item.companyId}`} translate="no">
              {item.leadName ?? item.companyName}
            </a>
          ) : item.companyName !== null ? (
            <span translate="no">{item.companyName}</span>
          ) : (
            m('today.unknownClient')
          )}
        </b>
        {item.leadName ? ' · ' : ' — '}
        <span translate="no">{item.title}</span>
        {showOwner ? (
          <span class="muted">
            {' · '}
            {item.userName === null ? m('clients.poolShort') : <span translate="no">{item.userName}</span>}
          </span>
        ) : null}
      </div>
      <div class="money">{item.moneyKopecks > 0 ? formatRubles(item.moneyKopecks) : '—'}</div>
      <div class="row-actions">
        {item.queued ? (
          <button type="button" data-action="take">
            {m('today.take')}
          </button>
        ) : null}
        {item.phone && !item.queued && !history ? (
          <button type="button" data-action="call" title={item.phone}>
            {m('today.call')}
          </button>
        ) : null}
        {open && item.at !== null ? (
          <>
            <button type="button" data-action="done">
              {m('today.done')}
            </button>
            <form data-action="move">
              <input type="date" name="due" aria-label={m('today.newDue')} required value={localDate(Math.max(item.at, 0), timeZone)} />
              <button type="submit" class="secondary">
                {m('today.move')}
              </button>
            </form>
          </>
        ) : null}
        {history && item.taskId !== null && !item.cancelled ? (
          <button type="button" class="secondary" data-action="reopen">
            {m('today.reopen')}
          </button>
        ) : null}
        {item.companyId !== null ? <a href={`/app/clients/${item.companyId}`}>{m('today.open')}</a> : null}
        <span class="result" role="status" />
      </div>
    </li>
  );
}

export function WorkList({ items, empty, ...options }: ListOptions & { items: TodayItem[]; empty: string }): Child {
  if (!items.length) return <p class="muted">{empty}</p>;
  return (
    <ul class="work" id="work">
      {items.map((item) => (
        <Row item={item} {...options} />
      ))}
    </ul>
  );
}
