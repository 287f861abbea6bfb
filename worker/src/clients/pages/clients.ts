import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { CompanyCard, CompanyListFilters, CompanyListItem } from '../../../../schema/contracts';
import type { UserScope } from '../../platform/principal';
import { COMPANY_STATUS_RU, formatDate, formatDateTime, formatCallDuration, formatRubles } from '../../platform/ru-format';
import { escapeHtml } from '../../platform/page-layout';

/** Client list and card pages: server-rendered, Russian, every value escaped here. */

interface Named {
  id: number;
  name: string;
}

const STYLE = `<style>
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
</style>`;

const statusBadge = (status: CompanyListItem['status']) => `<span class="status ${status}">${COMPANY_STATUS_RU[status]}</span>`;
const ownerText = (name: string | null) => (name === null ? '<span class="pool">пул региона</span>' : escapeHtml(name));
const innKpp = (inn: string | null, kpp: string | null) => (inn || kpp ? escapeHtml([inn ?? '—', kpp ?? '—'].join(' / ')) : '—');

/** The filters as a query string (empty values dropped), optionally with the keyset cursor. */
export function clientsQuery(filters: CompanyListFilters, after?: number): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, after })) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function options(items: { value: string; label: string }[], selected: string): string {
  return items
    .map((o) => `<option value="${escapeHtml(o.value)}"${o.value === selected ? ' selected' : ''}>${escapeHtml(o.label)}</option>`)
    .join('');
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

export function renderClientList(v: ClientListView): string {
  const f = v.filters;
  const regionName = new Map(v.regions.map((r) => [r.id, r.name]));
  const rows = v.items
    .map(
      (c) => `<tr>
<td data-label="Название"><a href="/app/clients/${c.id}">${escapeHtml(c.name)}</a></td>
<td data-label="ИНН / КПП" class="nowrap">${innKpp(c.inn, c.kpp)}</td>
<td data-label="Регион">${escapeHtml(regionName.get(c.regionId) ?? '')}</td>
<td data-label="Ответственный">${ownerText(c.ownerName)}</td>
<td data-label="Статус">${statusBadge(c.status)}</td>
<td data-label="Последний контакт" class="nowrap">${c.lastTouchAt === null ? '<span class="muted">нет</span>' : formatDate(c.lastTouchAt, v.timeZone)}</td></tr>`,
    )
    .join('');
  const pager = [
    v.after > 0 ? `<a href="/app/clients${escapeHtml(clientsQuery(f))}">← В начало списка</a>` : '',
    v.nextAfter !== null ? `<a href="/app/clients${escapeHtml(clientsQuery(f, v.nextAfter))}" rel="next" id="more">Показать ещё</a>` : '',
  ]
    .filter(Boolean)
    .join('');
  return `${STYLE}<h1>Клиенты</h1>
<form class="card filters" method="get" action="/app/clients" role="search">
<div><label for="q">Название или ИНН</label><input id="q" name="q" value="${escapeHtml(f.q ?? '')}" maxlength="200"></div>
<div><label for="regionId">Регион</label><select id="regionId" name="regionId">${options([{ value: '', label: 'Все регионы' }, ...v.regionChoices.map((r) => ({ value: String(r.id), label: r.name }))], String(f.regionId ?? ''))}</select></div>
<div><label for="ownerId">Ответственный</label><select id="ownerId" name="ownerId">${options([{ value: '', label: 'Все' }, { value: '0', label: 'Пул региона (без ответственного)' }, ...v.owners.map((u) => ({ value: String(u.id), label: u.name }))], String(f.ownerId ?? ''))}</select></div>
<div><label for="status">Статус</label><select id="status" name="status">${options(
    [
      { value: '', label: 'Любой' },
      { value: 'prospect', label: COMPANY_STATUS_RU.prospect },
      { value: 'client', label: COMPANY_STATUS_RU.client },
    ],
    f.status ?? '',
  )}</select></div>
<div><label for="noContactDays">Без контакта, дней</label><input id="noContactDays" name="noContactDays" type="number" min="1" max="3650" value="${escapeHtml(f.noContactDays ?? '')}" placeholder="напр. 30" title="Последний звонок, письмо, заметка или задача — давнее N дней, или их не было"></div>
<div class="go"><button type="submit">Показать</button><a href="/app/clients">Сбросить</a></div>
</form>
<div class="card"><div class="links"><span class="muted">На странице: ${v.items.length}</span><a href="/api/companies/export.csv${escapeHtml(clientsQuery(f))}" id="export">Экспорт CSV</a></div>
<div class="scroll"><table class="list"><thead><tr><th>Название</th><th>ИНН / КПП</th><th>Регион</th><th>Ответственный</th><th>Статус</th><th>Последний контакт</th></tr></thead>
<tbody>${rows || '<tr><td colspan="6" class="muted">Никого не нашлось — измените фильтры</td></tr>'}</tbody></table></div>
${pager ? `<p class="links pager">${pager}</p>` : ''}</div>`;
}

/** +7 495 123 45 67 for an E.164 number; anything else as it is. */
const displayPhone = (value: string) =>
  /^\+\d+$/.test(value) ? (parsePhoneNumberFromString(value)?.formatInternational() ?? value) : value;

function phoneLink(value: string, extension: string | null): string {
  const shown = displayPhone(value);
  const href = `tel:${value}${extension ? `;ext=${extension}` : ''}`;
  return `<a href="${escapeHtml(href)}">${escapeHtml(shown)}</a>${extension ? ` доб. ${escapeHtml(extension)}` : ''}`;
}

function renderContacts(card: CompanyCard): string {
  if (!card.contacts.length) return '<p class="muted">Контактов пока нет</p>';
  return card.contacts
    .map(
      (
        c,
      ) => `<div class="contact"><b>${escapeHtml(c.name)}</b>${c.position ? ` <span class="muted">— ${escapeHtml(c.position)}</span>` : ''}
<ul>${c.points.map((p) => `<li>${p.kind === 'phone' ? phoneLink(p.value, p.extension) : `<a href="mailto:${escapeHtml(p.value)}">${escapeHtml(p.value)}</a>`}</li>`).join('')}</ul></div>`,
    )
    .join('');
}

function renderLeads(card: CompanyCard, timeZone: string, now: number): string {
  if (!card.openLeads.length) return '<p class="muted">Открытых интересов нет</p>';
  const rows = card.openLeads
    .map((l) => {
      const next = l.nextAction;
      const due =
        next?.dueAt != null
          ? `<br><span class="${next.dueAt < now ? 'late' : 'muted'}">до ${formatDateTime(next.dueAt, timeZone)}</span>`
          : '';
      return `<tr><td data-label="Интерес">№${l.id}</td><td data-label="Этап">${escapeHtml(l.stageName)}</td>
<td data-label="Сумма" class="nowrap">${formatRubles(l.amountKopecks)}</td><td data-label="Следующее действие">${next ? `${escapeHtml(next.title)}${due}` : '—'}</td></tr>`;
    })
    .join('');
  return `<div class="scroll"><table class="list"><thead><tr><th>Интерес</th><th>Этап</th><th>Сумма</th><th>Следующее действие</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

const DOCUMENT_RU = { order: 'Заказ клиента', invoice: 'Счёт', payment: 'Оплата', shipment: 'Отгрузка' } as const;

/** 1C's own zone-less date as 1C shows it (dd.mm.yyyy), else the instant in the viewer's zone. */
function documentDate(dateLocal: string, occurredAt: number, timeZone: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(dateLocal);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : formatDate(occurredAt, timeZone);
}

function renderDocuments(card: CompanyCard, timeZone: string): string {
  if (!card.lastDocuments.length) return '<p class="muted">Документов 1С пока нет</p>';
  const rows = card.lastDocuments
    .map(
      (d) => `<tr><td data-label="Документ">${DOCUMENT_RU[d.kind]}</td><td data-label="Номер">${escapeHtml(d.number)}</td>
<td data-label="Дата" class="nowrap">${documentDate(d.dateLocal, d.occurredAt, timeZone)}</td><td data-label="Сумма" class="nowrap">${formatRubles(d.amountKopecks)}</td></tr>`,
    )
    .join('');
  return `<div class="scroll"><table class="list"><thead><tr><th>Последний</th><th>Номер</th><th>Дата</th><th>Сумма</th></tr></thead><tbody>${rows}</tbody></table></div>`;
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

function renderTimeline(card: CompanyCard, timeZone: string): string {
  if (!card.timeline.length) return '<p class="muted">Событий пока нет</p>';
  return `<ol class="timeline">${card.timeline
    .map((e) => {
      const { icon, label, missed } = describeEvent(e);
      const facts = [
        e.kind === 'call' && e.durationSec !== null && e.durationSec > 0 ? formatCallDuration(e.durationSec) : '',
        e.kind === 'call' && e.targeted ? 'целевой' : '',
        e.counterpart ? escapeHtml(displayPhone(e.counterpart)) : '',
        e.userName ? escapeHtml(e.userName) : '',
        e.leadId !== null ? `интерес №${e.leadId}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      return `<li class="${missed ? 'missed' : ''}"><span class="icon" aria-hidden="true">${icon}</span>
<div><b>${escapeHtml(label)}</b>${facts ? ` <span class="muted">${facts}</span>` : ''}${e.subject ? `<div>${escapeHtml(e.subject)}</div>` : ''}</div>
<time datetime="${new Date(e.occurredAt).toISOString()}">${formatDateTime(e.occurredAt, timeZone)}</time></li>`;
    })
    .join('')}</ol>`;
}

/** Owner actions the viewer is allowed by assignOwner; the buttons call the existing API. */
function renderOwnerActions(card: CompanyCard, viewer: UserScope, managers: Named[]): string {
  const parts: string[] = [];
  if (viewer.role === 'manager' && card.ownerId === null && viewer.regionIds.includes(card.regionId)) {
    parts.push('<button type="button" id="claim">Забрать себе</button>');
  }
  if (card.ownerId === viewer.id) parts.push('<button type="button" class="secondary" id="release">Вернуть в пул</button>');
  if (managers.length) {
    const choices = options(
      [{ value: '', label: 'Пул региона (без ответственного)' }, ...managers.map((m) => ({ value: String(m.id), label: m.name }))],
      String(card.ownerId ?? ''),
    );
    parts.push(`<form id="assign" class="actions" style="margin:0"><label for="assign-owner" style="margin:0">Ответственный</label>
<select id="assign-owner" name="ownerId">${choices}</select><button type="submit">Назначить</button></form>`);
  }
  if (!parts.length) return '';
  return `<div class="actions" id="owner-actions" data-company="${card.id}">${parts.join('')}</div><p id="owner-message" role="status"></p>`;
}

/** The nonce'd script behind the owner actions: API call, then reload to show the new owner. */
export const OWNER_ACTIONS_SCRIPT = `
const box=document.getElementById('owner-actions'),msg=document.getElementById('owner-message');
if(box){const base='/api/companies/'+box.dataset.company;
const send=async(method,path,body)=>{msg.textContent='Сохраняем…';msg.className='muted';
try{const r=await fetch(path,{method,headers:{'content-type':'application/json'},body:body===undefined?undefined:JSON.stringify(body)});
if(r.ok){location.reload();return}
const j=await r.json().catch(()=>null);const e=j&&j.error;
msg.textContent=e?e.message+(e.fields?': '+e.fields.map((f)=>f.message).join('; '):''):'Ошибка '+r.status;msg.className='error';}
catch{msg.textContent='Нет связи с сервером';msg.className='error'}};
document.getElementById('claim')?.addEventListener('click',()=>send('POST',base+'/claim'));
document.getElementById('release')?.addEventListener('click',()=>{if(confirm('Вернуть клиента в пул региона?'))send('PUT',base+'/owner',{ownerId:null})});
document.getElementById('assign')?.addEventListener('submit',(ev)=>{ev.preventDefault();const v=ev.target.ownerId.value;send('PUT',base+'/owner',{ownerId:v===''?null:Number(v)})});}`;

export interface ClientCardView {
  card: CompanyCard;
  viewer: UserScope;
  /** Managers the viewer may give the company to (empty when he may not). */
  managers: Named[];
  timeZone: string;
  now: number;
}

export function renderClientCard({ card, viewer, managers, timeZone, now }: ClientCardView): string {
  const deviations = card.deviations.length
    ? `<div class="card alert" id="deviations"><h2>Отклонения</h2><ul>${card.deviations.map((d) => `<li>${escapeHtml(d.message)}${d.since !== null ? ` <span class="muted">с ${formatDateTime(d.since, timeZone)}</span>` : ''}</li>`).join('')}</ul></div>`
    : '';
  return `${STYLE}<p class="links"><a href="/app/clients">← Все клиенты</a></p>
<div class="card"><h1>${escapeHtml(card.name)}</h1>
<dl class="facts"><dt>ИНН / КПП</dt><dd>${innKpp(card.inn, card.kpp)}</dd>
<dt>Регион</dt><dd>${escapeHtml(card.regionName)}</dd>
<dt>Ответственный</dt><dd id="owner">${ownerText(card.ownerName)}</dd>
<dt>Статус</dt><dd>${statusBadge(card.status)}</dd>
<dt>Последний контакт</dt><dd>${card.lastTouchAt === null ? 'не было' : formatDateTime(card.lastTouchAt, timeZone)}</dd></dl>
${renderOwnerActions(card, viewer, managers)}</div>
${deviations}
<div class="cols"><div class="card"><h2>Контакты</h2>${renderContacts(card)}</div>
<div class="card"><h2>Документы 1С</h2>${renderDocuments(card, timeZone)}</div></div>
<div class="card"><h2>Открытые интересы</h2>${renderLeads(card, timeZone, now)}</div>
<div class="card"><h2>Лента событий</h2><p class="muted" style="margin-top:0">Последние 20 событий, время — ${escapeHtml(timeZone)}</p>${renderTimeline(card, timeZone)}</div>`;
}

/** One page for a missing id and for a client out of the viewer's scope, so ids cannot be probed. */
export function renderClientNotFound(): string {
  return `<div class="card"><h1 style="margin-top:0">Клиент не найден</h1>
<p>Такого клиента нет, или он не в вашей зоне видимости.</p><p><a href="/app/clients">← К списку клиентов</a></p></div>`;
}

/** Browsers ask for text/html; API callers (and the authorization matrix) keep the JSON error. */
export function wantsHtml(accept: string | undefined): boolean {
  return (accept ?? '').includes('text/html');
}
