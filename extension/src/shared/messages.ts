import type { Me } from '../../../schema/contracts';
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
}

export interface SignInRequest {
  serverUrl: string;
  email: string;
  password: string;
}

type NoFields = Record<string, never>;

export interface MessageMap {
  signIn: { request: SignInRequest; response: ConnectionStatus };
  status: { request: NoFields; response: ConnectionStatus };
  signOut: { request: NoFields; response: ConnectionStatus };
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
  if (!rule.from.includes(sender)) return { ok: false, error: { code: 'forbidden', message: `Сообщение ${type} не принимается из этого контекста` } };
  const parsed = rule.parse(fields);
  if (isProblem(parsed)) return { ok: false, error: parsed };
  return { ok: true, message: { type, ...parsed } as Message };
}

export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
}

/** Pages of this extension have its own origin; a content script reports the web page's origin and URL. */
export function classifySender(sender: SenderInfo, extensionId: string): SenderKind {
  if (sender.id !== extensionId) return 'foreign';
  const own = `chrome-extension://${extensionId}`;
  if (sender.origin === undefined && sender.url === undefined) return 'content-script';
  const originIsOwn = sender.origin === undefined || sender.origin === own;
  const urlIsOwn = sender.url === undefined || sender.url.startsWith(`${own}/`);
  return originIsOwn && urlIsOwn ? 'extension-page' : 'content-script';
}
