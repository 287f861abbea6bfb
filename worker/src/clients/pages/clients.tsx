/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { CompanyCard, CompanyListFilters, CompanyListItem } from '../../../../schema/contracts';
import type { UserScope } from '../../platform/principal';
import { type Lang, type MessageKey, msg, msgf } from '../../platform/i18n';
import { Composer, ContactEditForm, EventCarries, FormStyle, type OpenStage, threadSizes } from './card-forms';
import {
  formatCallDuration,
  formatDate,
  formatDateTime,
  formatIsoDate,
  formatPhoneRu,
  formatPhoneWithExtension,
  formatRubles,
  leadName,
} from '../../platform/ru-format';

/** Client list and card pages: server-rendered in the viewer's language, strings from the catalogue's `clients.…`/`card.…` (platform/messages/clients.ts); the card's owner actions: pages/src/client-card.ts. */

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

const StatusBadge = ({ status, lang }: { status: CompanyListItem['status']; lang: Lang }) => (
  <span class={`status ${status}`}>{msg(`clients.status.${status}`, lang)}</span>
);
const Owner = ({ name, lang }: { name: string | null; lang: Lang }) =>
  name === null ? <span class="pool">{msg('clients.poolShort', lang)}</span> : <span translate="no">{name}</span>;
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

/** A select's options; a `data` one (a region's or a person's name) is marked as data, not interface text. */
function Options({ items, selected }: { items: { value: string; label: string; data?: boolean }[]; selected: string }): Child {
  return (
    <>
      {items.map((o) => (
        <option value={o.value} selected={o.value === selected} translate={o.data ? 'no' : undefined}>
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
  lang: Lang;
}

export function ClientListPage(v: ClientListView): Child {
  const f = v.filters;
  const regionName = new Map(v.regions.map((r) => [r.id, r.name]));
  const pager = v.after > 0 || v.nextAfter !== null;
  const m = (key: MessageKey) => msg(key, v.lang);
  return (
    <>
      <Style />
      <h1>{m('clients.title')}</h1>
      <form class="card filters" method="get" action="/app/clients" role="search">
        <div>
          <label for="q">{m('clients.filter.q')}</label>
          <input id="q" name="q" type="search" value={f.q ?? ''} maxlength={200} placeholder={m('clients.filter.qHint')} />
        </div>
        <div>
          <label for="regionId">{m('clients.filter.region')}</label>
          <select id="regionId" name="regionId">
            <Options
              items={[
                { value: '', label: m('clients.filter.allRegions') },
                ...v.regionChoices.map((r) => ({ value: String(r.id), label: r.name, data: true })),
              ]}
              selected={String(f.regionId ?? '')}
            />
          </select>
        </div>
        <div>
          <label for="ownerId">{m('clients.filter.owner')}</label>
          <select id="ownerId" name="ownerId">
            <Options
              items={[
                { value: '', label: m('clients.filter.all') },
                { value: '0', label: m('clients.pool') },
                ...v.owners.map((u) => ({ value: String(u.id), label: u.name, data: true })),
              ]}
              selected={String(f.ownerId ?? '')}
            />
          </select>
        </div>
        <div>
          <label for="status">{m('clients.filter.status')}</label>
          <select id="status" name="status">
            <Options
              items={[
                { value: '', label: m('clients.filter.anyStatus') },
                { value: 'prospect', label: m('clients.status.prospect') },
                { value: 'client', label: m('clients.status.client') },
              ]}
              selected={f.status ?? ''}
            />
          </select>
        </div>
        <div>
          <label for="noContactDays">{m('clients.filter.noContactDays')}</label>
          <input
            id="noContactDays"
            name="noContactDays"
            type="number"
            min="1"
            max="3650"
            value={String(f.noContactDays ?? '')}
            placeholder={m('clients.filter.noContactHint')}
            title={m('clients.filter.noContactTitle')}
          />
        </div>
        <div class="go">
          <button type="submit">{m('clients.filter.show')}</button>
          <a href="/app/clients">{m('clients.filter.reset')}</a>
        </div>
      </form>
      <div class="card">
        <div class="links">
          <span class="muted">{msgf('clients.onPage', v.lang, { n: v.items.length })}</span>
          <a href={`/api/companies/export.csv${clientsQuery(f)}`} id="export">
            {m('clients.export')}
          </a>
          <a href="/app/clients/new" id="new-client-link">
            {m('clients.new')}
          </a>
        </div>
        <div class="scroll">
          <table class="list">
            <thead>
              <tr>
                <th>{m('clients.col.name')}</th>
                <th>{m('clients.col.innKpp')}</th>
                <th>{m('clients.col.region')}</th>
                <th>{m('clients.col.owner')}</th>
                <th>{m('clients.col.status')}</th>
                <th>{m('clients.col.lastTouch')}</th>
              </tr>
            </thead>
            <tbody>
              {v.items.length ? (
                v.items.map((c) => (
                  <tr>
                    <td data-label={m('clients.col.name')}>
                      <a href={`/app/clients/${c.id}`} translate="no">
                        {c.name}
                      </a>
                    </td>
                    <td data-label={m('clients.col.innKpp')} class="nowrap">
                      {innKpp(c.inn, c.kpp)}
                    </td>
                    <td data-label={m('clients.col.region')}>
                      <span translate="no">{regionName.get(c.regionId) ?? ''}</span>
                    </td>
                    <td data-label={m('clients.col.owner')}>
                      <Owner name={c.ownerName} lang={v.lang} />
                    </td>
                    <td data-label={m('clients.col.status')}>
                      <StatusBadge status={c.status} lang={v.lang} />
                    </td>
                    <td data-label={m('clients.col.lastTouch')} class="nowrap">
                      {c.lastTouchAt === null ? <span class="muted">{m('clients.noTouch')}</span> : formatDate(c.lastTouchAt, v.timeZone)}
                    </td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={6} class="muted">
                    {m('clients.empty')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {pager ? (
          <p class="links pager">
            {v.after > 0 ? <a href={`/app/clients${clientsQuery(f)}`}>{m('clients.toStart')}</a> : null}
            {v.nextAfter !== null ? (
              <a href={`/app/clients${clientsQuery(f, v.nextAfter)}`} rel="next" id="more">
                {m('clients.more')}
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

function PhoneLink({ value, extension, lang }: { value: string; extension: string | null; lang: Lang }): Child {
  return (
    <a href={`tel:${value}${extension ? `;ext=${extension}` : ''}`} translate="no">
      {formatPhoneWithExtension(value, extension, lang)}
    </a>
  );
}

function Contacts({ card, lang }: { card: CompanyCard; lang: Lang }): Child {
  if (!card.contacts.length) return <p class="muted">{msg('card.noContacts', lang)}</p>;
  return (
    <>
      {card.contacts.map((c) => (
        <div class="contact" data-contact={String(c.id)}>
          <b translate="no">{c.name}</b>
          {c.position ? (
            <>
              {' '}
              <span class="muted" translate="no">
                — {c.position}
              </span>
            </>
          ) : null}
          <button type="button" class="secondary edit" data-edit-contact={String(c.id)} aria-expanded="false">
            {msg('card.edit', lang)}
          </button>
          <ul>
            {c.points.map((p) => (
              <li>
                {p.kind === 'phone' ? (
                  <PhoneLink value={p.value} extension={p.extension} lang={lang} />
                ) : (
                  <a href={`mailto:${p.value}`}>{p.value}</a>
                )}
              </li>
            ))}
          </ul>
          <ContactEditForm contact={c} lang={lang} />
        </div>
      ))}
    </>
  );
}

/** A lead of the card by client and subject, else by its origin and day (docs/workspace.md «One format»). */
const cardLeadName = (card: CompanyCard, l: CompanyCard['openLeads'][number], timeZone: string, lang: Lang) =>
  leadName({ companyName: card.name, subject: l.subject, channel: l.channel, createdAt: l.createdAt, timeZone, lang });

/** The lead's name with its data (the client's name, the subject) marked as data, the words around it in the viewer's language. */
function CardLeadName({
  card,
  lead,
  timeZone,
  lang,
}: {
  card: CompanyCard;
  lead: CompanyCard['openLeads'][number];
  timeZone: string;
  lang: Lang;
}): Child {
  if (lead.subject?.trim()) return <span translate="no">{cardLeadName(card, lead, timeZone, lang)}</span>;
  return (
    <>
      <span translate="no">{card.name}</span>
      {cardLeadName({ ...card, name: '' }, lead, timeZone, lang)}
    </>
  );
}

function Leads({ card, timeZone, now, lang }: { card: CompanyCard; timeZone: string; now: number; lang: Lang }): Child {
  const m = (key: MessageKey) => msg(key, lang);
  if (!card.openLeads.length) return <p class="muted">{m('card.noLeads')}</p>;
  return (
    <div class="scroll">
      <table class="list">
        <thead>
          <tr>
            <th>{m('card.lead.lead')}</th>
            <th>{m('card.lead.stage')}</th>
            <th>{m('card.lead.amount')}</th>
            <th>{m('card.lead.next')}</th>
          </tr>
        </thead>
        <tbody>
          {card.openLeads.map((l) => {
            const next = l.nextAction;
            return (
              <tr>
                <td data-label={m('card.lead.lead')}>
                  <CardLeadName card={card} lead={l} timeZone={timeZone} lang={lang} />
                </td>
                <td data-label={m('card.lead.stage')}>
                  <span translate="no">{l.stageName}</span>
                </td>
                <td data-label={m('card.lead.amount')} class="nowrap">
                  {formatRubles(l.amountKopecks)}
                </td>
                <td data-label={m('card.lead.next')}>
                  {next ? (
                    <>
                      <span translate="no">{next.title}</span>
                      {next.dueAt != null ? (
                        <>
                          <br />
                          <span class={next.dueAt < now ? 'late' : 'muted'}>
                            {msgf('card.lead.due', lang, { date: formatDateTime(next.dueAt, timeZone) })}
                          </span>
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

/** 1C's own zone-less date as 1C shows it (dd.mm.yyyy), else the instant in the viewer's zone. */
function documentDate(dateLocal: string, occurredAt: number, timeZone: string): string {
  const day = formatIsoDate(dateLocal);
  return day !== dateLocal ? day : formatDate(occurredAt, timeZone);
}

function Documents({ card, timeZone, lang }: { card: CompanyCard; timeZone: string; lang: Lang }): Child {
  const m = (key: MessageKey) => msg(key, lang);
  if (!card.lastDocuments.length) return <p class="muted">{m('card.noDocuments')}</p>;
  return (
    <div class="scroll">
      <table class="list">
        <thead>
          <tr>
            <th>{m('card.doc.last')}</th>
            <th>{m('card.doc.number')}</th>
            <th>{m('card.doc.date')}</th>
            <th>{m('card.doc.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {card.lastDocuments.map((d) => (
            <tr>
              <td data-label={m('card.doc.document')}>{m(`card.doc.${d.kind}`)}</td>
              <td data-label={m('card.doc.number')}>
                <span translate="no">{d.number}</span>
              </td>
              <td data-label={m('card.doc.date')} class="nowrap">
                {documentDate(d.dateLocal, d.occurredAt, timeZone)}
              </td>
              <td data-label={m('card.doc.amount')} class="nowrap">
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

/** Icon, label (a catalogue key) and whether to flag it (a missed incoming call). */
function describeEvent(e: TimelineEvent): { icon: string; label: MessageKey | null; missed: boolean } {
  switch (e.kind) {
    case 'call': {
      const unanswered = e.callResult !== null && UNANSWERED.includes(e.callResult);
      if (e.direction === 'in')
        return unanswered
          ? { icon: '☎', label: 'card.event.missed', missed: true }
          : { icon: '☎', label: 'card.event.callIn', missed: false };
      if (e.direction === 'out')
        return { icon: '☎', label: unanswered ? 'card.event.callOutNoAnswer' : 'card.event.callOut', missed: false };
      return { icon: '☎', label: 'card.event.call', missed: false };
    }
    case 'mail':
      return {
        icon: '✉',
        label: e.direction === 'in' ? 'card.event.mailIn' : e.direction === 'out' ? 'card.event.mailOut' : 'card.event.mail',
        missed: false,
      };
    case 'note':
      return { icon: '✎', label: 'card.event.note', missed: false };
    case 'task_done':
      return { icon: '✓', label: 'card.event.taskDone', missed: false };
    case 'onec_document':
      return { icon: '₽', label: 'card.event.onec', missed: false };
    case 'stage_change':
      return { icon: '➜', label: 'card.event.stage', missed: false };
    default:
      return { icon: '•', label: null, missed: false };
  }
}

/** Between the facts of an event line. */
const Dot = () => <>{' · '}</>;

function Timeline({ card, timeZone, lang }: { card: CompanyCard; timeZone: string; lang: Lang }): Child {
  if (!card.timeline.length) return <p class="muted">{msg('card.noEvents', lang)}</p>;
  const openLead = new Map(card.openLeads.map((l) => [l.id, l]));
  // «интерес «…»»: the words are the catalogue's, the lead's name (client, subject) is data.
  const leadOf = (id: number): Child => {
    const l = openLead.get(id);
    if (!l) return msg('card.event.closedLead', lang);
    const [before, after = ''] = msg('card.event.lead', lang).split('{name}');
    return (
      <>
        {before}
        <CardLeadName card={card} lead={l} timeZone={timeZone} lang={lang} />
        {after}
      </>
    );
  };
  const threads = threadSizes(card.timeline);
  return (
    <ol class="timeline">
      {card.timeline.map((e) => {
        const { icon, label, missed } = describeEvent(e);
        const facts: Child[] = [
          e.kind === 'call' && e.durationSec !== null && e.durationSec > 0 ? formatCallDuration(e.durationSec) : null,
          e.kind === 'call' && e.targeted ? msg('card.event.targeted', lang) : null,
          e.counterpart ? <span translate="no">{displayPhone(e.counterpart)}</span> : null,
          e.userName ? <span translate="no">{e.userName}</span> : null,
          e.leadId !== null ? leadOf(e.leadId) : null,
        ].filter((f) => f !== null);
        return (
          <li class={missed ? 'missed' : ''}>
            <span class="icon" aria-hidden="true">
              {icon}
            </span>
            <div>
              <b>{label === null ? <span translate="no">{e.kind}</span> : msg(label, lang)}</b>
              {facts.length ? (
                <>
                  {' '}
                  <span class="muted">
                    {facts.map((f, i) => (
                      <>
                        {i > 0 ? <Dot /> : null}
                        {f}
                      </>
                    ))}
                  </span>
                </>
              ) : null}
              {e.subject ? <div translate="no">{e.subject}</div> : null}
              <EventCarries e={e} threads={threads} lang={lang} />
            </div>
            <time datetime={new Date(e.occurredAt).toISOString()}>{formatDateTime(e.occurredAt, timeZone)}</time>
          </li>
        );
      })}
    </ol>
  );
}

/** Owner actions the viewer is allowed by assignOwner; the buttons call the existing API (pages/src/client-card.ts). */
function OwnerActions({ card, viewer, managers, lang }: { card: CompanyCard; viewer: UserScope; managers: Named[]; lang: Lang }): Child {
  const m = (key: MessageKey) => msg(key, lang);
  const claim = viewer.role === 'manager' && card.ownerId === null && viewer.regionIds.includes(card.regionId);
  const release = card.ownerId === viewer.id;
  if (!claim && !release && !managers.length) return null;
  return (
    <>
      <div class="actions" id="owner-actions" data-company={String(card.id)}>
        {claim ? (
          <button type="button" id="claim">
            {m('card.claim')}
          </button>
        ) : null}
        {release ? (
          <button type="button" class="secondary" id="release">
            {m('card.release')}
          </button>
        ) : null}
        {managers.length ? (
          <form id="assign" class="actions" style="margin:0">
            <label for="assign-owner" style="margin:0">
              {m('clients.col.owner')}
            </label>
            <select id="assign-owner" name="ownerId">
              <Options
                items={[
                  { value: '', label: m('clients.pool') },
                  ...managers.map((m) => ({ value: String(m.id), label: m.name, data: true })),
                ]}
                selected={String(card.ownerId ?? '')}
              />
            </select>
            <button type="submit">{m('card.assign')}</button>
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
  lang: Lang;
}

export function ClientCardPage({ card, viewer, managers, timeZone, now, stages, lang }: ClientCardView): Child {
  const m = (key: MessageKey) => msg(key, lang);
  return (
    <>
      <Style />
      <FormStyle />
      <p class="links">
        <a href="/app/clients">{m('card.back')}</a>
      </p>
      <div class="card">
        <h1 translate="no">{card.name}</h1>
        <dl class="facts">
          <dt>{m('clients.col.innKpp')}</dt>
          <dd>{innKpp(card.inn, card.kpp)}</dd>
          <dt>{m('clients.col.region')}</dt>
          <dd translate="no">{card.regionName}</dd>
          <dt>{m('clients.col.owner')}</dt>
          <dd id="owner">
            <Owner name={card.ownerName} lang={lang} />
          </dd>
          <dt>{m('clients.col.status')}</dt>
          <dd>
            <StatusBadge status={card.status} lang={lang} />
          </dd>
          <dt>{m('clients.col.lastTouch')}</dt>
          <dd>{card.lastTouchAt === null ? m('card.lastTouchNever') : formatDateTime(card.lastTouchAt, timeZone)}</dd>
        </dl>
        <OwnerActions card={card} viewer={viewer} managers={managers} lang={lang} />
      </div>
      {card.deviations.length ? (
        <div class="card alert" id="deviations">
          <h2>{m('card.deviations')}</h2>
          <ul>
            {card.deviations.map((d) => (
              <li>
                <span translate="no">{d.message}</span>
                {d.since !== null ? (
                  <>
                    {' '}
                    <span class="muted">{msgf('card.since', lang, { date: formatDateTime(d.since, timeZone) })}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="cols">
        <div class="card">
          <h2>{m('card.contacts')}</h2>
          <Contacts card={card} lang={lang} />
        </div>
        <div class="card">
          <h2>{m('card.documents')}</h2>
          <Documents card={card} timeZone={timeZone} lang={lang} />
        </div>
      </div>
      <div class="card">
        <h2>{m('card.leads')}</h2>
        <Leads card={card} timeZone={timeZone} now={now} lang={lang} />
      </div>
      <div class="card">
        <h2>{m('card.timeline')}</h2>
        <p class="muted" style="margin-top:0">
          {msgf('card.timeline.note', lang, { zone: timeZone })}
        </p>
        <Timeline card={card} timeZone={timeZone} lang={lang} />
      </div>
      <Composer card={card} stages={stages} lang={lang} />
    </>
  );
}

/** One page for a missing id and for a client out of the viewer's scope, so ids cannot be probed. */
export function ClientNotFound({ lang }: { lang: Lang }): Child {
  return (
    <div class="card">
      <h1 style="margin-top:0">{msg('card.notFound', lang)}</h1>
      <p>{msg('card.notFound.text', lang)}</p>
      <p>
        <a href="/app/clients">{msg('card.notFound.back', lang)}</a>
      </p>
    </div>
  );
}

/** Browsers ask for text/html; API callers (and the authorization matrix) keep the JSON error. */
export function wantsHtml(accept: string | undefined): boolean {
  return (accept ?? '').includes('text/html');
}
