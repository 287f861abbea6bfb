import type { CompanyCard } from '../../../schema/contracts';

/**
 * The mail sidebar's text, made from a company card (tests/unit/extension-sidebar-model.test.ts):
 * what the manager reads beside a mail, in Russian, with nothing left to format in the view.
 */

export interface SidebarModel {
  companyId: number;
  title: string;
  subtitle: string;
  contact: { name: string; position: string | null; points: string[] } | null;
  owner: string;
  leads: { id: number; stage: string; amount: string | null; next: string | null }[];
  documents: { kind: 'invoice' | 'payment' | 'shipment'; text: string }[];
  deviations: string[];
  timeline: { id: number; when: string; text: string }[];
  /** Phones of the matched contact first, then the company's others: the «Позвонить» buttons. */
  phones: string[];
}

const STATUS = { client: 'Клиент', prospect: 'Потенциальный клиент' } as const;
const DOCUMENT_LABEL = { invoice: 'Последний счёт', payment: 'Последняя оплата', shipment: 'Последняя отгрузка' } as const;
const TIMELINE_LIMIT = 8;

export function money(kopecks: number): string {
  const rubles = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(kopecks / 100);
  return `${rubles.replace(/\u202f|\u00a0/g, ' ')} ₽`;
}

export function shortDate(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(
    ms,
  );
}

export function dateTime(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('ru-RU', {
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(ms);
}

function duration(sec: number): string {
  const m = Math.floor(sec / 60);
  const s = sec % 60;
  return m ? `${m} мин ${s} с` : `${s} с`;
}

const CALL_RESULT: Record<string, string> = { answered: '', missed: ', пропущен', busy: ', занято', failed: ', не состоялся' };

export function timelineText(event: CompanyCard['timeline'][number]): string {
  const who = event.userName ? ` — ${event.userName}` : '';
  switch (event.kind) {
    case 'call': {
      const dir = event.direction === 'in' ? 'Входящий звонок' : 'Исходящий звонок';
      const talk = event.durationSec ? ` (${duration(event.durationSec)})` : '';
      return `${dir}${talk}${CALL_RESULT[event.callResult ?? 'answered'] ?? ''}${who}`;
    }
    case 'mail':
      return `${event.direction === 'out' ? 'Письмо клиенту' : 'Письмо от клиента'}: ${event.subject ?? '(без темы)'}${who}`;
    case 'note':
      return `Заметка: ${event.subject ?? ''}${who}`;
    case 'task_done':
      return `Задача выполнена: ${event.subject ?? ''}${who}`;
    case 'onec_document':
      return `1С: ${event.subject ?? 'документ'}`;
    case 'stage_change':
      return `Этап: ${event.subject ?? ''}`;
    default:
      return event.subject ?? event.kind;
  }
}

export function sidebarModel(card: CompanyCard, email: string | null, timeZone?: string): SidebarModel {
  const matched = email ? card.contacts.find((c) => c.points.some((p) => p.kind === 'email' && p.value === email)) : undefined;
  const contact = matched ?? card.contacts[0];
  const phoneOf = (p: { value: string; extension: string | null }) => (p.extension ? `${p.value} доб. ${p.extension}` : p.value);
  const phones = [...(contact?.points ?? []), ...card.contacts.filter((c) => c !== contact).flatMap((c) => c.points)]
    .filter((p) => p.kind === 'phone')
    .map(phoneOf);
  const documents: SidebarModel['documents'] = [];
  for (const kind of ['invoice', 'payment', 'shipment'] as const) {
    const latest = card.lastDocuments.filter((d) => d.kind === kind).sort((a, b) => b.occurredAt - a.occurredAt)[0];
    if (latest)
      documents.push({
        kind,
        text: `${DOCUMENT_LABEL[kind]}: № ${latest.number} от ${shortDate(latest.occurredAt, timeZone)} — ${money(latest.amountKopecks)}`,
      });
  }
  return {
    companyId: card.id,
    title: card.name,
    subtitle: [STATUS[card.status], card.inn ? `ИНН ${card.inn}` : null, card.regionName].filter(Boolean).join(' · '),
    contact: contact
      ? {
          name: contact.name,
          position: contact.position,
          points: contact.points.map((p) => (p.kind === 'phone' ? phoneOf(p) : p.value)),
        }
      : null,
    owner: card.ownerName ? `Ответственный: ${card.ownerName}` : `Без ответственного (пул региона ${card.regionName})`,
    leads: card.openLeads.map((lead) => ({
      id: lead.id,
      stage: lead.stageName,
      amount: lead.amountKopecks > 0 ? money(lead.amountKopecks) : null,
      next: lead.nextAction
        ? `${lead.nextAction.title}${lead.nextAction.dueAt !== null ? ` до ${shortDate(lead.nextAction.dueAt, timeZone)}` : ''}`
        : null,
    })),
    documents,
    deviations: card.deviations.map((d) => d.message),
    timeline: [...card.timeline]
      .sort((a, b) => b.occurredAt - a.occurredAt)
      .slice(0, TIMELINE_LIMIT)
      .map((event) => ({ id: event.id, when: dateTime(event.occurredAt, timeZone), text: timelineText(event) })),
    phones: [...new Set(phones)],
  };
}

/** «Кровля А» for a new client from ivan@krovlya.ru: the domain, unless it is a public mailbox (then the person). */
const PUBLIC_MAIL =
  /^(gmail\.com|mail\.ru|bk\.ru|inbox\.ru|list\.ru|yandex\.(ru|com)|ya\.ru|rambler\.ru|outlook\.com|hotmail\.com|icloud\.com)$/;
export function suggestedCompanyName(email: string, name: string | null): string {
  const domain = email.split('@')[1] ?? email;
  return PUBLIC_MAIL.test(domain) ? (name ?? email) : domain;
}
