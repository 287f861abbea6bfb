import type { CallerCard, CompanyCard, Me } from '../../../schema/contracts';
import type { QueueView } from './queue';
import type { LiveMessage } from '../../../schema/contracts/live-protocol';

/**
 * The one map of messages the service worker answers. Pages and (later) content scripts send
 * `{ type, ...request }` and get a `Reply`; every incoming message goes through `parseMessage`
 * first, because a content script runs inside a web page we do not control.
 */

export interface Problem {
  code: string;
  message: string;
}

export interface ConnectionStatus {
  connected: boolean;
  /** The server last used, kept after sign-out so the options page can prefill it. */
  serverUrl: string | null;
  user?: Me;
  /** Why the extension is not connected: the server's own message when it gave one. */
  error?: Problem;
  /** Last successful answer from the server, ms since epoch. */
  lastSyncAt: number | null;
  /**
   * The server did not answer (no connection, timeout) or failed (5xx): the token is kept and the
   * user is still signed in, only the server is away. Not set when the server refused the token (401).
   */
  unreachable?: boolean;
}

export interface SignInRequest {
  serverUrl: string;
  email: string;
  password: string;
}

type NoFields = Record<string, never>;

/** Which sites the content script runs on, and whether incoming calls pop up over the page. */
export interface SiteSettings {
  /** Ids of hosted webmail adapters (hosts/*.ts with `matches`) the user turned on. */
  sites: string[];
  /** Origins the user added: self-hosted Roundcube, a softphone, the 1C web client, any page with phones. */
  customOrigins: string[];
  callPopups: boolean;
}

export interface SettingsView extends SiteSettings {
  /** Match patterns the content script is registered for now (enabled and permitted). */
  active: string[];
}

/** What a content script needs to know about the extension before it draws anything. */
export interface PageConfig {
  signedIn: boolean;
  callPopups: boolean;
  /** The signed-in user's address: never looked up as a client. */
  ownEmail: string | null;
}

export interface MailParty {
  email: string;
  name: string | null;
}

export interface MailCardRequest {
  /** Outside participants first (the sender first), at most 10. */
  participants: MailParty[];
}

/** The client a mail thread is about: the first participant with a company the user may open. */
export interface MailCardView {
  email: string | null;
  card: CompanyCard | null;
  /** The first participant nobody knows: offered as «Создать клиента». */
  candidate: MailParty | null;
}

export interface LogMailRequest {
  /** Adapter id (gmail, roundcube…), the site's message id and thread key: together they name the mail. */
  siteId: string;
  siteMessageId: string | null;
  threadKey: string;
  subject: string | null;
  from: MailParty;
  to: MailParty[];
  cc: MailParty[];
  /** The mail's own date read off the page (epoch ms); null or absent: the time of the click stands in. */
  date?: number | null;
}

export interface NoteRequest {
  companyId: number;
  text: string;
}
export interface TaskRequest {
  companyId: number;
  title: string;
  dueAt: number;
}
export interface LeadRequest {
  companyId: number;
}
/** A person for a client card: the display name (never the address), and what the signature said. */
export interface NewContact {
  email: string;
  name: string | null;
  position?: string | null;
  /** As written or E.164 with «доб. 12»: the server's normalizePhone reads them. */
  phones?: string[];
}
export interface ClientRequest {
  companyName: string;
  contact: NewContact;
  /** The mail the client was created from: logged right after, in the same click. */
  mail?: LogMailRequest | null;
}
/** «Добавить контакт»: an unknown participant of a known company's thread. */
export interface ContactRequest {
  companyId: number;
  contact: NewContact;
}
export interface CallRequest {
  phone: string;
  companyId?: number;
}

/** A write from a content script: sent at once, or kept in the offline queue until the server answers. */
export interface ActionOutcome {
  state: 'sent' | 'queued';
  itemId: string;
  /** «Письмо записано», «Письмо уже было в ленте», «В очереди: отправится, когда сервер будет доступен». */
  message: string;
  companyId?: number;
}

/** «Создать клиента» stopped by the collision check: whose client it already is. */
export interface ClientOutcome {
  state: 'sent' | 'queued' | 'collision';
  message: string;
  itemId?: string;
}

export interface MessageMap {
  signIn: { request: SignInRequest; response: ConnectionStatus };
  status: { request: NoFields; response: ConnectionStatus };
  signOut: { request: NoFields; response: ConnectionStatus };
  settings: { request: NoFields; response: SettingsView };
  saveSettings: { request: SiteSettings; response: SettingsView };
  queue: { request: NoFields; response: QueueView };
  flushQueue: { request: NoFields; response: QueueView };
  dropQueued: { request: { itemId: string }; response: QueueView };
  pageConfig: { request: NoFields; response: PageConfig };
  mailCard: { request: MailCardRequest; response: MailCardView };
  phoneCard: { request: { phone: string }; response: CallerCard };
  openCard: { request: { companyId: number }; response: { opened: true } };
  logMail: { request: LogMailRequest; response: ActionOutcome };
  addNote: { request: NoteRequest; response: ActionOutcome };
  createTask: { request: TaskRequest; response: ActionOutcome };
  createLead: { request: LeadRequest; response: ActionOutcome };
  createClient: { request: ClientRequest; response: ClientOutcome };
  addContact: { request: ContactRequest; response: ActionOutcome };
  call: { request: CallRequest; response: ActionOutcome };
}

export type MessageType = keyof MessageMap;
export type Message<K extends MessageType = MessageType> = { [P in K]: { type: P } & MessageMap[P]['request'] }[K];
export type Reply<K extends MessageType = MessageType> = { ok: true; value: MessageMap[K]['response'] } | { ok: false; error: Problem };

/**
 * The other direction: what the service worker announces to open extension pages and to its own
 * content scripts in the active tab (fire and forget, no reply). Listeners check `isBroadcast`.
 */
export interface BroadcastMap {
  /** A message pushed over the live channel (an incoming call, a test). */
  live: LiveMessage;
}
export type BroadcastType = keyof BroadcastMap;
export type Broadcast<K extends BroadcastType = BroadcastType> = { [P in K]: { broadcast: P; payload: BroadcastMap[P] } }[K];

const BROADCAST_TYPES: readonly BroadcastType[] = ['live'];

export function isBroadcast(raw: unknown): raw is Broadcast {
  if (typeof raw !== 'object' || raw === null) return false;
  const { broadcast, payload } = raw as { broadcast?: unknown; payload?: unknown };
  return BROADCAST_TYPES.includes(broadcast as BroadcastType) && typeof payload === 'object' && payload !== null;
}

/** Extension pages (options, popup) may do anything; content scripts only what is listed for them. */
export type SenderKind = 'extension-page' | 'content-script' | 'foreign';

interface Rule<K extends MessageType> {
  from: readonly SenderKind[];
  parse: (fields: Record<string, unknown>) => MessageMap[K]['request'] | Problem;
}

const PAGES_ONLY = ['extension-page'] as const;
/** What a web page's content script may ask: look-ups and the user's own writes, never settings or the token. */
const PAGES_AND_CONTENT = ['extension-page', 'content-script'] as const;

function invalid(message: string): Problem {
  return { code: 'bad_message', message };
}

function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && (value as Problem).code === 'bad_message';
}

function onlyKeys(fields: Record<string, unknown>, allowed: readonly string[]): Problem | null {
  const extra = Object.keys(fields).filter((key) => !allowed.includes(key));
  return extra.length ? invalid(`Лишние поля в сообщении: ${extra.join(', ')}`) : null;
}

function text(fields: Record<string, unknown>, key: string, max: number): string | Problem {
  const value = fields[key];
  if (typeof value !== 'string') return invalid(`Поле ${key} должно быть строкой`);
  if (value.length > max) return invalid(`Поле ${key} длиннее ${max} символов`);
  return value;
}

const LOCAL_HOSTS = ['localhost', '127.0.0.1'];

/**
 * The server's origin, or null when the address is not one the extension may talk to:
 * https anywhere, plain http only on this computer (matches host_permissions in the manifest).
 */
export function normalizeServerUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return null;
  }
  if (url.username || url.password) return null;
  if (url.protocol === 'https:') return url.origin;
  if (url.protocol === 'http:' && LOCAL_HOSTS.includes(url.hostname)) return url.origin;
  return null;
}

export function isLocalServer(origin: string): boolean {
  return LOCAL_HOSTS.includes(new URL(origin).hostname);
}

const noFields = (fields: Record<string, unknown>): NoFields | Problem => onlyKeys(fields, []) ?? {};

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,253}$/;

function firstProblem(...values: unknown[]): Problem | null {
  return (values.find(isProblem) as Problem | undefined) ?? null;
}

function id(fields: Record<string, unknown>, key: string): number | Problem {
  const value = fields[key];
  return Number.isSafeInteger(value) && (value as number) > 0
    ? (value as number)
    : invalid(`Поле ${key} должно быть положительным целым числом`);
}

function optionalText(fields: Record<string, unknown>, key: string, max: number): string | null | Problem {
  return fields[key] === null || fields[key] === undefined ? null : text(fields, key, max);
}

function party(value: unknown, where: string): MailParty | Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(`${where}: ожидается { email, name }`);
  const fields = value as Record<string, unknown>;
  const extra = onlyKeys(fields, ['email', 'name']);
  if (extra) return extra;
  const email = text(fields, 'email', 320);
  const name = optionalText(fields, 'name', 200);
  const bad = firstProblem(email, name);
  if (bad) return bad;
  const address = (email as string).trim().toLowerCase();
  if (!EMAIL.test(address)) return invalid(`${where}: не похоже на e-mail`);
  return { email: address, name: name === null ? null : (name as string).trim() || null };
}

function newContact(value: unknown, where: string): NewContact | Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return invalid(`${where}: ожидается { email, name }`);
  const { position, phones, ...rest } = value as Record<string, unknown>;
  const person = party(rest, where);
  if (isProblem(person)) return person;
  const role = optionalText({ position }, 'position', 200);
  if (isProblem(role)) return role;
  if (
    phones !== undefined &&
    (!Array.isArray(phones) || phones.length > 20 || !phones.every((p) => typeof p === 'string' && p.length <= 60))
  )
    return invalid(`${where}.phones: до 20 телефонов строками`);
  return { ...person, position: role === null ? null : role.trim() || null, phones: (phones as string[] | undefined) ?? [] };
}

function parties(fields: Record<string, unknown>, key: string, max: number): MailParty[] | Problem {
  const value = fields[key];
  if (!Array.isArray(value)) return invalid(`Поле ${key} должно быть списком`);
  if (value.length > max) return invalid(`В поле ${key} больше ${max} адресов`);
  const list: MailParty[] = [];
  for (const [index, item] of value.entries()) {
    const parsed = party(item, `${key}[${index}]`);
    if (isProblem(parsed)) return parsed;
    list.push(parsed);
  }
  return list;
}

function logMailFields(fields: Record<string, unknown>): LogMailRequest | Problem {
  const extra = onlyKeys(fields, ['siteId', 'siteMessageId', 'threadKey', 'subject', 'from', 'to', 'cc', 'date']);
  if (extra) return extra;
  const siteId = text(fields, 'siteId', 40);
  const siteMessageId = optionalText(fields, 'siteMessageId', 500);
  const threadKey = nonEmpty(fields, 'threadKey', 1000);
  const subject = optionalText(fields, 'subject', 2000);
  const from = party(fields.from, 'from');
  const to = parties(fields, 'to', 100);
  const cc = parties(fields, 'cc', 100);
  const date =
    fields.date === undefined || fields.date === null
      ? null
      : Number.isSafeInteger(fields.date) && (fields.date as number) > 0
        ? (fields.date as number)
        : invalid('Поле date: дата письма, мс от 1970 г.');
  const bad = firstProblem(siteId, siteMessageId, threadKey, subject, from, to, cc, date);
  if (bad) return bad;
  if (!/^[a-z0-9-]{1,40}$/.test(siteId as string)) return invalid('Поле siteId: id сайта');
  return {
    siteId: siteId as string,
    siteMessageId: siteMessageId as string | null,
    threadKey: threadKey as string,
    subject: subject as string | null,
    from: from as MailParty,
    to: to as MailParty[],
    cc: cc as MailParty[],
    date: date as number | null,
  };
}

function nonEmpty(fields: Record<string, unknown>, key: string, max: number): string | Problem {
  const value = text(fields, key, max);
  if (isProblem(value)) return value;
  return value.trim() === '' ? invalid(`Заполните поле ${key}`) : value.trim();
}

/**
 * `https://host[:port]` or `http://host[:port]`, without a path: what a user adds as his own site.
 * Plain http is allowed for any host (an internal Roundcube often has no certificate); the options
 * page warns about it (shared/sites.ts readSiteOrigin). Without a scheme, https is assumed here; the
 * options page never sends such an address without showing the user what it became.
 */
export function normalizeSiteOrigin(input: string): string | null {
  let url: URL;
  try {
    url = new URL(input.trim().includes('://') ? input.trim() : `https://${input.trim()}`);
  } catch {
    return null;
  }
  if (url.username || url.password || (!url.hostname.includes('.') && !LOCAL_HOSTS.includes(url.hostname))) return null;
  return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
}

function siteSettings(fields: Record<string, unknown>): SiteSettings | Problem {
  const extra = onlyKeys(fields, ['sites', 'customOrigins', 'callPopups']);
  if (extra) return extra;
  const { sites, customOrigins, callPopups } = fields;
  if (!Array.isArray(sites) || sites.length > 20 || !sites.every((s) => typeof s === 'string' && /^[a-z0-9-]{1,40}$/.test(s)))
    return invalid('Поле sites: список id сайтов');
  if (!Array.isArray(customOrigins) || customOrigins.length > 50) return invalid('Поле customOrigins: список адресов (не больше 50)');
  const origins: string[] = [];
  for (const raw of customOrigins) {
    const origin = typeof raw === 'string' ? normalizeSiteOrigin(raw) : null;
    if (!origin) return invalid(`Адрес сайта ${String(raw).slice(0, 80)}: нужен https://домен или http://домен`);
    if (!origins.includes(origin)) origins.push(origin);
  }
  if (typeof callPopups !== 'boolean') return invalid('Поле callPopups: да или нет');
  return { sites: [...new Set(sites as string[])], customOrigins: origins, callPopups };
}

const rules: { [K in MessageType]: Rule<K> } = {
  signIn: {
    from: PAGES_ONLY,
    parse: (fields) => {
      const extra = onlyKeys(fields, ['serverUrl', 'email', 'password']);
      if (extra) return extra;
      const serverUrl = text(fields, 'serverUrl', 300);
      const email = text(fields, 'email', 254);
      const password = text(fields, 'password', 200);
      if (isProblem(serverUrl)) return serverUrl;
      if (isProblem(email)) return email;
      if (isProblem(password)) return password;
      const origin = normalizeServerUrl(serverUrl);
      if (!origin) return invalid('Адрес сервера должен начинаться с https:// (http:// — только для localhost и 127.0.0.1)');
      const trimmedEmail = email.trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+$/.test(trimmedEmail)) return invalid('Укажите e-mail');
      if (password === '') return invalid('Укажите пароль');
      return { serverUrl: origin, email: trimmedEmail, password };
    },
  },
  status: { from: PAGES_ONLY, parse: noFields },
  signOut: { from: PAGES_ONLY, parse: noFields },
  settings: { from: PAGES_ONLY, parse: noFields },
  saveSettings: { from: PAGES_ONLY, parse: siteSettings },
  queue: { from: PAGES_ONLY, parse: noFields },
  flushQueue: { from: PAGES_ONLY, parse: noFields },
  dropQueued: {
    from: PAGES_ONLY,
    parse: (fields) => {
      const itemId = onlyKeys(fields, ['itemId']) ?? text(fields, 'itemId', 100);
      return isProblem(itemId) ? itemId : { itemId: itemId as string };
    },
  },
  pageConfig: { from: PAGES_AND_CONTENT, parse: noFields },
  mailCard: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const list = onlyKeys(fields, ['participants']) ?? parties(fields, 'participants', 10);
      return isProblem(list) ? list : { participants: list as MailParty[] };
    },
  },
  phoneCard: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const phone = onlyKeys(fields, ['phone']) ?? nonEmpty(fields, 'phone', 60);
      return isProblem(phone) ? phone : { phone: phone as string };
    },
  },
  openCard: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const companyId = onlyKeys(fields, ['companyId']) ?? id(fields, 'companyId');
      return isProblem(companyId) ? companyId : { companyId: companyId as number };
    },
  },
  logMail: { from: PAGES_AND_CONTENT, parse: logMailFields },
  addNote: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const extra = onlyKeys(fields, ['companyId', 'text']);
      const companyId = id(fields, 'companyId');
      const note = nonEmpty(fields, 'text', 500);
      const bad = extra ?? firstProblem(companyId, note);
      return bad ?? { companyId: companyId as number, text: note as string };
    },
  },
  createTask: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const extra = onlyKeys(fields, ['companyId', 'title', 'dueAt']);
      const companyId = id(fields, 'companyId');
      const title = nonEmpty(fields, 'title', 300);
      const dueAt =
        Number.isSafeInteger(fields.dueAt) && (fields.dueAt as number) > 0
          ? (fields.dueAt as number)
          : invalid('Поле dueAt: срок, мс от 1970 г.');
      const bad = extra ?? firstProblem(companyId, title, dueAt);
      return bad ?? { companyId: companyId as number, title: title as string, dueAt: dueAt as number };
    },
  },
  createLead: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const companyId = onlyKeys(fields, ['companyId']) ?? id(fields, 'companyId');
      return isProblem(companyId) ? companyId : { companyId: companyId as number };
    },
  },
  createClient: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const extra = onlyKeys(fields, ['companyName', 'contact', 'mail']);
      const companyName = nonEmpty(fields, 'companyName', 300);
      const contact = newContact(fields.contact, 'contact');
      const mail =
        fields.mail === undefined || fields.mail === null
          ? null
          : typeof fields.mail === 'object' && !Array.isArray(fields.mail)
            ? logMailFields(fields.mail as Record<string, unknown>)
            : invalid('Поле mail: письмо, из которого создан клиент');
      const bad = extra ?? firstProblem(companyName, contact, mail);
      return bad ?? { companyName: companyName as string, contact: contact as NewContact, mail: mail as LogMailRequest | null };
    },
  },
  addContact: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const extra = onlyKeys(fields, ['companyId', 'contact']);
      const companyId = id(fields, 'companyId');
      const contact = newContact(fields.contact, 'contact');
      const bad = extra ?? firstProblem(companyId, contact);
      return bad ?? { companyId: companyId as number, contact: contact as NewContact };
    },
  },
  call: {
    from: PAGES_AND_CONTENT,
    parse: (fields) => {
      const extra = onlyKeys(fields, ['phone', 'companyId']);
      const phone = nonEmpty(fields, 'phone', 64);
      const companyId = fields.companyId === undefined ? undefined : id(fields, 'companyId');
      const bad = extra ?? firstProblem(phone, companyId);
      if (bad) return bad;
      if (!/^[+\d\s()#*.,-]+$|^[+\d\s()-]+(доб\.?|ext\.?|добавочный)\s*\d+$/i.test(phone as string))
        return invalid('Поле phone: номер телефона');
      return { phone: phone as string, ...(companyId === undefined ? {} : { companyId: companyId as number }) };
    },
  },
};

export const MESSAGE_TYPES = Object.keys(rules) as MessageType[];

export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(rules, value);
}

/** Checks an incoming message against the map: known type, allowed sender, exact and valid fields. */
export function parseMessage(raw: unknown, sender: SenderKind): { ok: true; message: Message } | { ok: false; error: Problem } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, error: invalid('Сообщение должно быть объектом') };
  const { type, ...fields } = raw as Record<string, unknown>;
  if (!isMessageType(type)) return { ok: false, error: invalid(`Неизвестное сообщение: ${String(type).slice(0, 40)}`) };
  const rule = rules[type] as Rule<MessageType>;
  if (!rule.from.includes(sender))
    return { ok: false, error: { code: 'forbidden', message: `Сообщение ${type} не принимается из этого контекста` } };
  const parsed = rule.parse(fields);
  if (isProblem(parsed)) return { ok: false, error: parsed };
  return { ok: true, message: { type, ...parsed } as Message };
}

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
}

/**
 * Pages of this extension have its own origin; a content script reports the web page's origin and URL.
 * `extensionBase` is `runtime.getURL('')`: `chrome-extension://<id>/` in Chromium, but
 * `moz-extension://<per-profile uuid>/` in Firefox, whose origin is not derived from the add-on id.
 */
export function classifySender(sender: SenderInfo, extensionId: string, extensionBase: string): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  const own = extensionBase.replace(/\/+$/, '');
  if (sender.origin === undefined && sender.url === undefined) return 'content-script';
  const originIsOwn = sender.origin === undefined || sender.origin === own;
  const urlIsOwn = sender.url === undefined || sender.url.startsWith(`${own}/`);
  return originIsOwn && urlIsOwn ? 'extension-page' : 'content-script';
}
