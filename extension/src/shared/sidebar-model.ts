import type { CompanyCard } from '../../../schema/contracts';
import { leadTitle } from '../../../schema/domain/format-ru';
import { formatDialled } from './format';
import { findPhonesInText } from './phones';

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
  /** `title`: what the client needs, else how and when the lead came (format-ru leadTitle). */
  leads: { id: number; title: string; stage: string; amount: string | null; next: string | null }[];
  documents: { kind: 'invoice' | 'payment' | 'shipment'; text: string }[];
  deviations: string[];
  timeline: { id: number; when: string; text: string }[];
  /**
   * Phones of the matched contact first, then the company's others: the «Позвонить» buttons, shown
   * the Russian way («+7 495 123-45-67 доб. 12»), dialled by their E.164 number.
   */
  phones: { text: string; e164: string; extension: string | null }[];
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
  const phoneOf = (p: { value: string; extension: string | null }) => formatDialled({ e164: p.value, extension: p.extension });
  const phones = new Map<string, SidebarModel['phones'][number]>();
  for (const p of [...(contact?.points ?? []), ...card.contacts.filter((c) => c !== contact).flatMap((c) => c.points)]) {
    if (p.kind !== 'phone') continue;
    const text = phoneOf(p);
    if (!phones.has(text)) phones.set(text, { text, e164: p.value, extension: p.extension });
  }
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
      title: leadTitle({ subject: lead.subject, channel: lead.channel, createdAt: lead.createdAt, timeZone }),
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
    phones: [...phones.values()],
  };
}

/** «Кровля А» for a new client from ivan@krovlya.ru: the domain, unless it is a public mailbox (then the person). */
const PUBLIC_MAIL =
  /^(gmail\.com|mail\.ru|bk\.ru|inbox\.ru|list\.ru|yandex\.(ru|com)|ya\.ru|rambler\.ru|outlook\.com|hotmail\.com|icloud\.com)$/;
export function suggestedCompanyName(email: string, name: string | null): string {
  const domain = email.split('@')[1] ?? email;
  return PUBLIC_MAIL.test(domain) ? (name ?? email) : domain;
}

/** What a signature tells about its writer: «ООО "Кровля А"», «снабженец», phones written «+7 495 123-45-67 доб. 12». */
export interface SignatureFacts {
  company: string | null;
  position: string | null;
  phones: string[];
}

// «ООО "Кровля А"», «АО «Стройсервис»», «ИП Орлов А. В.» — a legal form and the name after it, up to a comma or the line's end.
const LEGAL_FORM =
  /(?<![\p{L}\d])(ООО|ОАО|ЗАО|ПАО|АО|НАО|ИП|АНО|НКО|ГУП|МУП|ФГУП)\s+(«[^»\n]{1,100}»|"[^"\n]{1,100}"|“[^”\n]{1,100}”|[^,;\n]{1,100})/u;
const SIGNATURE_START = /^\s*(?:--|—|–|_{2,}|-{2,}|с уважением|best regards|regards)[\s,.!]*$/iu;
const NOT_POSITION = /уважением|regards|спасибо|thanks|https?:|www\.|@/iu;

/**
 * The signature of a mail's text: the lines after the last «-- » (or «С уважением»), else the last
 * eight lines; quoted lines («> …») are never read. Reads the company by its legal form, the
 * position after the writer's name («Иван Петров, снабженец») or as a short line of words, and the
 * phones with their extensions.
 */
export function readSignature(body: string | null | undefined, writer: string | null): SignatureFacts {
  const lines = (body ?? '')
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => !line.startsWith('>'));
  let start = -1;
  lines.forEach((line, i) => {
    if (SIGNATURE_START.test(line)) start = i;
  });
  const block = (start >= 0 ? lines.slice(start + 1, start + 11) : lines.slice(-8)).filter(Boolean);
  const text = block.join('\n');
  const legal = LEGAL_FORM.exec(text);
  const company = legal ? `${legal[1]} ${legal[2]!.trim()}` : null;
  // Shown in the form the Russian way; the server's normalizePhone reads it back (no-break spaces, «доб.» included).
  const phones = findPhonesInText(text).map(({ phone }) => formatDialled(phone));
  const names = (writer ?? '')
    .toLowerCase()
    .split(' ')
    .filter((w) => w.length > 1);
  let position: string | null = null;
  for (const raw of block) {
    let line = raw;
    if (legal) line = line.replace(legal[0], ' ');
    for (const found of findPhonesInText(line).reverse()) line = `${line.slice(0, found.start)} ${line.slice(found.end)}`;
    const words = line.split(/[\s,]+/).filter(Boolean);
    const ownName = names.length > 0 && words.length > 0 && names.includes(words[0]!.toLowerCase());
    const rest = (ownName ? words.filter((w) => !names.includes(w.toLowerCase())) : words).join(' ');
    const cleaned = rest.replace(/^[\s,.;:–—-]+|[\s,.;:–—-]+$/g, '').replace(/\s*(?:тел|моб|факс|phone|tel|mob)\.?:?$/iu, '');
    if (!cleaned || NOT_POSITION.test(cleaned) || /\d/.test(cleaned) || cleaned.length > 60) continue;
    // Without a «-- » the last lines may be the letter itself: only a line with the writer's name tells a position.
    if (start < 0 && !ownName) continue;
    // A line of the name alone, or of two or three capitalised words without the name given, is a name, not a position.
    if (!ownName && names.length === 0 && /^(\p{Lu}\p{Ll}+\s?){2,3}$/u.test(cleaned)) continue;
    position = cleaned.charAt(0).toUpperCase() + cleaned.slice(1);
    break;
  }
  return { company, position, phones: [...new Set(phones)] };
}

/** «Создать клиента» filled in: the company from the signature, else the domain; the person by display name, never the address. */
export interface NewClientDraft {
  companyName: string;
  contact: { email: string; name: string; position: string | null; phones: string[] };
}

export function newClientDraft(candidate: { email: string; name: string | null }, body: string | null | undefined): NewClientDraft {
  const facts = readSignature(body, candidate.name);
  const local = candidate.email.split('@')[0] ?? candidate.email;
  return {
    companyName: facts.company ?? suggestedCompanyName(candidate.email, candidate.name),
    contact: { email: candidate.email, name: candidate.name ?? local, position: facts.position, phones: facts.phones },
  };
}

/**
 * Participants of a thread whose company is known but who are not its contacts yet (a colleague in
 * Cc, a new sender): each is offered as «Добавить контакт». The user's own domain (colleagues) is not.
 */
export function unknownParticipants(
  card: Pick<CompanyCard, 'contacts'>,
  participants: { email: string; name: string | null }[],
  ownEmail: string | null,
): { email: string; name: string | null }[] {
  const ownDomain = ownEmail?.toLowerCase().split('@')[1] ?? null;
  const known = new Set(card.contacts.flatMap((c) => c.points.filter((p) => p.kind === 'email').map((p) => p.value.toLowerCase())));
  const seen = new Set<string>();
  return participants.filter((p) => {
    const email = p.email.toLowerCase();
    if (known.has(email) || seen.has(email) || email.split('@')[1] === ownDomain) return false;
    seen.add(email);
    return true;
  });
}

/** The sidebar's place on a site, remembered per site (content/sidebar layout in browser.storage.local). */
export interface SidebarLayout {
  collapsed: boolean;
  width: number;
}

export const SIDEBAR_WIDTH = { default: 300, min: 220, max: 480 } as const;
/** The collapsed sidebar: a strip this wide at the right edge. */
export const STRIP_WIDTH = 28;

/**
 * A width the user dragged (or stored) → one the page can spare: between the minimum and the
 * maximum, and never more than a third of the viewport, so the mail keeps two thirds of the screen.
 */
export function clampWidth(width: number, viewportWidth: number): number {
  const most = Math.max(SIDEBAR_WIDTH.min, Math.min(SIDEBAR_WIDTH.max, Math.floor(viewportWidth / 3)));
  const wanted = Number.isFinite(width) ? Math.round(width) : SIDEBAR_WIDTH.default;
  return Math.min(most, Math.max(SIDEBAR_WIDTH.min, wanted));
}

/** A stored layout, whatever shape it has: what is not understood is the default. */
export function readLayout(stored: unknown): SidebarLayout {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  return {
    collapsed: value.collapsed === true,
    width: typeof value.width === 'number' && Number.isFinite(value.width) ? value.width : SIDEBAR_WIDTH.default,
  };
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Which share of `area` (the host's message) `panel` covers: 0 … 1. */
export function coverShare(panel: Box, area: Box): number {
  const areaSize = Math.max(0, area.right - area.left) * Math.max(0, area.bottom - area.top);
  if (areaSize === 0) return 0;
  const w = Math.max(0, Math.min(panel.right, area.right) - Math.max(panel.left, area.left));
  const h = Math.max(0, Math.min(panel.bottom, area.bottom) - Math.max(panel.top, area.top));
  return (w * h) / areaSize;
}
