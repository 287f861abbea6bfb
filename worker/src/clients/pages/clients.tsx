/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { CompanyCard, CompanyListFilters, CompanyListItem } from '../../../../schema/contracts';
import type { UserScope } from '../../platform/principal';
import { Composer, ContactEditForm, EventCarries, FormStyle, type OpenStage, threadSizes } from './card-forms';
import {
  COMPANY_STATUS_RU,
  formatCallDuration,
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatPhoneRu,
  formatPhoneWithExtension,
  formatRubles,
  leadName,
} from '../../platform/ru-format';

/** Client list and card pages: server-rendered, Russian (the card's owner actions: pages/src/client-card.ts). */

interface Named {
  id: number;
  name: string;
}

const STYLE = `
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:0 14px;align-items:end}
.filters button{margin-top:0}.filters .go{display:flex;gap:12px;align-items:center;padding-top:10px}
.links{display:flex;gap:18px;flex-wrap:wrap;align-items:center;margin:0 0 10px}.pager{margin:12px 0 0}
.scroll{overflow-x:auto}.pool{color:var(--muted);font-style:italic}.nowrap{white-space:nowrap}
.status{display:inline-block;padding:0 8px;border-radius:10px;background:#eef1f5;white-space:nowrap}.status.client{background:#e7f6ec;color:var(--ok)}
h1{margin:0 0 8px;font-size:24px}h2{font-size:18px;margin:0 0 10px}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 18px;margin:0}.facts dt{color:var(--muted)}.facts dd{margin:0}
.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(320px,1fr));gap:0 16px}
.alert{border-left:5px solid var(--bad);background:#fff6f5}.alert li{color:var(--bad)}
.late{color:var(--bad);font-weight:600}
.contact{padding:6px 0;border-bottom:1px solid var(--line)}.contact:last-child{border-bottom:0}.contact ul{margin:4px 0 0;padding-left:18px}
.actions{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin-top:14px}.actions select{width:auto;min-width:220px}.actions button{margin-top:0}
.timeline{list-style:none;margin:0;padding:0}.timeline li{display:grid;grid-template-columns:28px 1fr auto;gap:2px 10px;padding:8px 0;border-bottom:1px solid var(--line)}
.timeline li:last-child{border-bottom:0}.timeline .icon{font-size:18px;line-height:1.3;text-align:center}.timeline time{color:var(--muted);white-space:nowrap}
.timeline .missed b,.timeline .missed .icon{color:var(--bad)}
@media (max-width:640px){table.list thead{display:none}table.list tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
table.list td{display:block;border:0;padding:2px 8px}table.list td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
.timeline li{grid-template-columns:28px 1fr}.timeline time{grid-column:2}}
@media print{.filters,.links,.actions,#owner-message{display:none}.card{border:0;padding:0 0 8px;break-inside:avoid}main{max-width:none;margin:0}a{color:inherit;text-decoration:none}}
`;
const Style = () => <style>{raw(STYLE)}</style>;

const StatusBadge = ({ status }: { status: CompanyListItem['status'] }) => (
  <span class={`status ${status}`}>{COMPANY_STATUS_RU[status]}</span>
);
const Owner = ({ name }: { name: string | null }) => (name === null ? <span class="pool">пул региона</span> : <>{name}</>);
const innKpp = (inn: string | null, kpp: string | null) => (inn || kpp ? [inn ?? '—', kpp ?? '—'].join(' / ') : '—');

/** The filters as a query string (empty values dropped), optionally with the keyset cursor. */
export function clientsQuery(filters: CompanyListFilters, after?: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, after })) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function Options({ items, selected }: { items: { value: string; label: string }[]; selected: string }): Child {
  return (
    <>
      {items.map((o) => (
        <option value={o.value} selected={o.value === selected}>
          {o.label}
        </option>
      ))}
    </>
  );
}

export interface ClientListView {
  filters: CompanyListFilters;
  after: number;
  items: CompanyListItem[];
  nextAfter: number | null;
  /** Every region, for names; `regionChoices` are those the viewer may filter by. */
  regions: Named[];
  regionChoices: Named[];
  owners: Named[];
  timeZone: string;
}

export function ClientListPage(v: ClientListView): Child {
  const f = v.filters;
  const regionName = new Map(v.regions.map((r) => [r.id, r.name]));
  const pager = v.after > 0 || v.nextAfter !== null;
  return (
    <>
      <Style />
      <h1>Клиенты</h1>
      <form class="card filters" method="get" action="/app/clients" role="search">
        <div>
          <label for="q">Название, ИНН, телефон, контакт или e-mail</label>
          <input id="q" name="q" type="search" value={f.q ?? ''} maxlength={200} placeholder="часть слова, номера или адреса" />
        </div>
        <div>
          <label for="regionId">Регион</label>
          <select id="regionId" name="regionId">
            <Options
              items={[{ value: '', label: 'Все регионы' }, ...v.regionChoices.map((r) => ({ value: String(r.id), label: r.name }))]}
              selected={String(f.regionId ?? '')}
            />
          </select>
        </div>
        <div>
          <label for="ownerId">Ответственный</label>
          <select id="ownerId" name="ownerId">
            <Options
              items={[
                { value: '', label: 'Все' },
                { value: '0', label: 'Пул региона (без ответственного)' },
                ...v.owners.map((u) => ({ value: String(u.id), label: u.name })),
              ]}
              selected={String(f.ownerId ?? '')}
            />
          </select>
        </div>
        <div>
          <label for="status">Статус</label>
          <select id="status" name="status">
            <Options
              items={[
                { value: '', label: 'Любой' },
                { value: 'prospect', label: COMPANY_STATUS_RU.prospect },
                { value: 'client', label: COMPANY_STATUS_RU.client },
              ]}
              selected={f.status ?? ''}
            />
          </select>
        </div>
        <div>
          <label for="noContactDays">Без контакта, дней</label>
          <input
            id="noContactDays"
            name="noContactDays"
            type="number"
            min="1"
            max="3650"
            value={String(f.noContactDays ?? '')}
            placeholder="напр. 30"
            title="Последний звонок, письмо, заметка или задача — давнее N дней, или их не было"
          />
        </div>
        <div class="go">
          <button type="submit">Показать</button>
          <a href="/app/clients">Сбросить</a>
        </div>
      </form>
      <div class="card">
        <div class="links">
          <span class="muted">На странице: {v.items.length}</span>
          <a href={`/api/companies/export.csv${clientsQuery(f)}`} id="export">
            Экспорт CSV
          </a>
          <a href="/app/clients/new" id="new-client-link">
            Новый клиент
          </a>
        </div>
        <div class="scroll">
          <table class="list">
            <thead>
              <tr>
                <th>Название</th>
                <th>ИНН / КПП</th>
                <th>Регион</th>
                <th>Ответственный</th>
                <th>Статус</th>
                <th>Последний контакт</th>
              </tr>
            </thead>
            <tbody>
              {v.items.length ? (
                v.items.map((c) => (
                  <tr>
                    <td data-label="Название">
                      <a href={`/app/clients/${c.id}`}>{c.name}</a>
                    </td>
                    <td data-label="ИНН / КПП" class="nowrap">
                      {innKpp(c.inn, c.kpp)}
                    </td>
                    <td data-label="Регион">{regionName.get(c.regionId) ?? ''}</td>
                    <td data-label="Ответственный">
                      <Owner name={c.ownerName} />
                    </td>
                    <td data-label="Статус">
                      <StatusBadge status={c.status} />
                    </td>
                    <td data-label="Последний контакт" class="nowrap">
                      {c.lastTouchAt === null ? <span class="muted">нет</span> : formatDate(c.lastTouchAt, v.timeZone)}
                    </td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={6} class="muted">
                    Никого не нашлось — измените фильтры
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {pager ? (
          <p class="links pager">
            {v.after > 0 ? <a href={`/app/clients${clientsQuery(f)}`}>← В начало списка</a> : null}
            {v.nextAfter !== null ? (
              <a href={`/app/clients${clientsQuery(f, v.nextAfter)}`} rel="next" id="more">
                Показать ещё
              </a>
            ) : null}
          </p>
        ) : null}
      </div>
    </>
  );
}

/** +7 495 123-45-67 for a Russian E.164 number (schema/domain/format-ru.ts); anything else as it is. */
const displayPhone = formatPhoneRu;

function PhoneLink({ value, extension }: { value: string; extension: string | null }): Child {
  return <a href={`tel:${value}${extension ? `;ext=${extension}` : ''}`}>{formatPhoneWithExtension(value, extension)}</a>;
}

function Contacts({ card }: { card: CompanyCard }): Child {
  if (!card.contacts.length) return <p class="muted">Контактов пока нет</p>;
  return (
    <>
      {card.contacts.map((c) => (
        <div class="contact" data-contact={String(c.id)}>
          <b>{c.name}</b>
          {c.position ? (
            <>
              {' '}
              <span class="muted">— {c.position}</span>
            </>
          ) : null}
          <button type="button" class="secondary edit" data-edit-contact={String(c.id)} aria-expanded="false">
            Изменить
          </button>
          <ul>
            {c.points.map((p) => (
              <li>
                {p.kind === 'phone' ? <PhoneLink value={p.value} extension={p.extension} /> : <a href={`mailto:${p.value}`}>{p.value}</a>}
              </li>
            ))}
          </ul>
          <ContactEditForm contact={c} />
        </div>
      ))}
    </>
  );
}

/** A lead of the card by client and subject, else by its origin and day (docs/workspace.md «One format»). */
const cardLeadName = (card: CompanyCard, l: CompanyCard['openLeads'][number], timeZone: string) =>
  leadName({ companyName: card.name, subject: l.subject, channel: l.channel, createdAt: l.createdAt, timeZone });

function Leads({ card, timeZone, now }: { card: CompanyCard; timeZone: string; now: number }): Child {
  if (!card.openLeads.length) return <p class="muted">Открытых интересов нет</p>;
  return (
    <div class="scroll">
      <table class="list">
        <thead>
          <tr>
            <th>Интерес</th>
            <th>Этап</th>
            <th>Сумма</th>
            <th>Следующее действие</th>
          </tr>
        </thead>
        <tbody>
          {card.openLeads.map((l) => {
            const next = l.nextAction;
            return (
              <tr>
                <td data-label="Интерес">{cardLeadName(card, l, timeZone)}</td>
                <td data-label="Этап">{l.stageName}</td>
                <td data-label="Сумма" class="nowrap">
                  {formatRubles(l.amountKopecks)}
                </td>
                <td data-label="Следующее действие">
                  {next ? (
                    <>
                      {next.title}
                      {next.dueAt != null ? (
                        <>
                          <br />
                          <span class={next.dueAt < now ? 'late' : 'muted'}>до {formatDateTime(next.dueAt, timeZone)}</span>
                        </>
                      ) : null}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const DOCUMENT_RU = { order: 'Заказ клиента', invoice: 'Счёт', payment: 'Оплата', shipment: 'Отгрузка' } as const;

/** 1C's own zone-less date as 1C shows it (dd.mm.yyyy), else the instant in the viewer's zone. */
function documentDate(dateLocal: string, occurredAt: number, timeZone: string): string {
  const day = formatIsoDate(dateLocal);
  return day !== dateLocal ? day : formatDate(occurredAt, timeZone);
}

function Documents({ card, timeZone }: { card: CompanyCard; timeZone: string }): Child {
  if (!card.lastDocuments.length) return <p class="muted">Документов 1С пока нет</p>;
  return (
    <div class="scroll">
      <table class="list">
        <thead>
          <tr>
            <th>Последний</th>
            <th>Номер</th>
            <th>Дата</th>
            <th>Сумма</th>
          </tr>
        </thead>
        <tbody>
          {card.lastDocuments.map((d) => (
            <tr>
              <td data-label="Документ">{DOCUMENT_RU[d.kind]}</td>
              <td data-label="Номер">{d.number}</td>
              <td data-label="Дата" class="nowrap">
                {documentDate(d.dateLocal, d.occurredAt, timeZone)}
              </td>
              <td data-label="Сумма" class="nowrap">
                {formatRubles(d.amountKopecks)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type TimelineEvent = CompanyCard['timeline'][number];

const UNANSWERED = ['missed', 'busy', 'failed'];

/** Icon, Russian label and whether to flag it (a missed incoming call). */
function describeEvent(e: TimelineEvent): { icon: string; label: string; missed: boolean } {
  switch (e.kind) {
    case 'call': {
      const unanswered = e.callResult !== null && UNANSWERED.includes(e.callResult);
      if (e.direction === 'in')
        return unanswered
          ? { icon: '☎', label: 'Звонок пропущенный', missed: true }
          : { icon: '☎', label: 'Звонок входящий', missed: false };
      if (e.direction === 'out')
        return { icon: '☎', label: unanswered ? 'Звонок исходящий, без ответа' : 'Звонок исходящий', missed: false };
      return { icon: '☎', label: 'Звонок', missed: false };
    }
    case 'mail':
      return {
        icon: '✉',
        label: e.direction === 'in' ? 'Письмо входящее' : e.direction === 'out' ? 'Письмо исходящее' : 'Письмо',
        missed: false,
      };
    case 'note':
      return { icon: '✎', label: 'Заметка', missed: false };
    case 'task_done':
      return { icon: '✓', label: 'Задача выполнена', missed: false };
    case 'onec_document':
      return { icon: '₽', label: 'Документ 1С', missed: false };
    case 'stage_change':
      return { icon: '➜', label: 'Смена этапа', missed: false };
    default:
      return { icon: '•', label: e.kind, missed: false };
  }
}

function Timeline({ card, timeZone }: { card: CompanyCard; timeZone: string }): Child {
  if (!card.timeline.length) return <p class="muted">Событий пока нет</p>;
  const openLead = new Map(card.openLeads.map((l) => [l.id, l]));
  const leadOf = (id: number) => {
    const l = openLead.get(id);
    return l ? `интерес «${cardLeadName(card, l, timeZone)}»` : 'закрытый интерес';
  };
  const threads = threadSizes(card.timeline);
  return (
    <ol class="timeline">
      {card.timeline.map((e) => {
        const { icon, label, missed } = describeEvent(e);
        const facts = [
          e.kind === 'call' && e.durationSec !== null && e.durationSec > 0 ? formatCallDuration(e.durationSec) : '',
          e.kind === 'call' && e.targeted ? 'целевой' : '',
          e.counterpart ? displayPhone(e.counterpart) : '',
          e.userName ?? '',
          e.leadId !== null ? leadOf(e.leadId) : '',
        ]
          .filter(Boolean)
          .join(' · ');
        return (
          <li class={missed ? 'missed' : ''}>
            <span class="icon" aria-hidden="true">
              {icon}
            </span>
            <div>
              <b>{label}</b>
              {facts ? (
                <>
                  {' '}
                  <span class="muted">{facts}</span>
                </>
              ) : null}
              {e.subject ? <div>{e.subject}</div> : null}
              <EventCarries e={e} threads={threads} />
            </div>
            <time datetime={new Date(e.occurredAt).toISOString()}>{formatDateTime(e.occurredAt, timeZone)}</time>
          </li>
        );
      })}
    </ol>
  );
}

/** Owner actions the viewer is allowed by assignOwner; the buttons call the existing API (pages/src/client-card.ts). */
function OwnerActions({ card, viewer, managers }: { card: CompanyCard; viewer: UserScope; managers: Named[] }): Child {
  const claim = viewer.role === 'manager' && card.ownerId === null && viewer.regionIds.includes(card.regionId);
  const release = card.ownerId === viewer.id;
  if (!claim && !release && !managers.length) return null;
  return (
    <>
      <div class="actions" id="owner-actions" data-company={String(card.id)}>
        {claim ? (
          <button type="button" id="claim">
            Забрать себе
          </button>
        ) : null}
        {release ? (
          <button type="button" class="secondary" id="release">
            Вернуть в пул
          </button>
        ) : null}
        {managers.length ? (
          <form id="assign" class="actions" style="margin:0">
            <label for="assign-owner" style="margin:0">
              Ответственный
            </label>
            <select id="assign-owner" name="ownerId">
              <Options
                items={[
                  { value: '', label: 'Пул региона (без ответственного)' },
                  ...managers.map((m) => ({ value: String(m.id), label: m.name })),
                ]}
                selected={String(card.ownerId ?? '')}
              />
            </select>
            <button type="submit">Назначить</button>
          </form>
        ) : null}
      </div>
      <p id="owner-message" role="status" />
    </>
  );
}

export interface ClientCardView {
  card: CompanyCard;
  viewer: UserScope;
  /** Managers the viewer may give the company to (empty when he may not). */
  managers: Named[];
  timeZone: string;
  now: number;
  /** The open stages a new lead may start at, in the funnel's order. */
  stages: OpenStage[];
}

export function ClientCardPage({ card, viewer, managers, timeZone, now, stages }: ClientCardView): Child {
  return (
    <>
      <Style />
      <FormStyle />
      <p class="links">
        <a href="/app/clients">← Все клиенты</a>
      </p>
      <div class="card">
        <h1>{card.name}</h1>
        <dl class="facts">
          <dt>ИНН / КПП</dt>
          <dd>{innKpp(card.inn, card.kpp)}</dd>
          <dt>Регион</dt>
          <dd>{card.regionName}</dd>
          <dt>Ответственный</dt>
          <dd id="owner">
            <Owner name={card.ownerName} />
          </dd>
          <dt>Статус</dt>
          <dd>
            <StatusBadge status={card.status} />
          </dd>
          <dt>Последний контакт</dt>
          <dd>{card.lastTouchAt === null ? 'не было' : formatDateTime(card.lastTouchAt, timeZone)}</dd>
        </dl>
        <OwnerActions card={card} viewer={viewer} managers={managers} />
      </div>
      {card.deviations.length ? (
        <div class="card alert" id="deviations">
          <h2>Отклонения</h2>
          <ul>
            {card.deviations.map((d) => (
              <li>
                {d.message}
                {d.since !== null ? (
                  <>
                    {' '}
                    <span class="muted">с {formatDateTime(d.since, timeZone)}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="cols">
        <div class="card">
          <h2>Контакты</h2>
          <Contacts card={card} />
        </div>
        <div class="card">
          <h2>Документы 1С</h2>
          <Documents card={card} timeZone={timeZone} />
        </div>
      </div>
      <div class="card">
        <h2>Открытые интересы</h2>
        <Leads card={card} timeZone={timeZone} now={now} />
      </div>
      <div class="card">
        <h2>Лента событий</h2>
        <p class="muted" style="margin-top:0">
          Последние 20 событий, время — {timeZone}
        </p>
        <Timeline card={card} timeZone={timeZone} />
      </div>
      <Composer card={card} stages={stages} />
    </>
  );
}

/** One page for a missing id and for a client out of the viewer's scope, so ids cannot be probed. */
export function ClientNotFound(): Child {
  return (
    <div class="card">
      <h1 style="margin-top:0">Клиент не найден</h1>
      <p>Такого клиента нет, или он не в вашей зоне видимости.</p>
      <p>
        <a href="/app/clients">← К списку клиентов</a>
      </p>
    </div>
  );
}

/** Browsers ask for text/html; API callers (and the authorization matrix) keep the JSON error. */
export function wantsHtml(accept: string | undefined): boolean {
  return (accept ?? '').includes('text/html');
}
