import { browser } from '../shared/browser';
import { systemNow } from '../../../schema/domain/clock';
import type { z } from 'zod';
import type { CallerCard, Collision, CompanyCard, SearchResult } from '../../../schema/contracts';
import type { ClickToCallAccepted } from '../../../schema/contracts/calls';
import type { MailLogResult } from '../../../schema/contracts/mail';
import { callApi, type ApiCall } from '../shared/api';
import { ApiError } from '../shared/api-error';
import type {
  ActionOutcome,
  CallRequest,
  ClientOutcome,
  ClientRequest,
  ContactRequest,
  LeadRequest,
  NewContact,
  LogMailRequest,
  MailCardRequest,
  MailCardView,
  MailParty,
  NoteRequest,
  PageConfig,
  TaskRequest,
} from '../shared/messages';
import { mailLogBody } from '../shared/mail';
import { readConnection, type StoredConnection } from './credential-store';
import { enqueue, flushQueue, type NewAction } from './outbox';
import { readSettings, updateSettings } from './settings';

/**
 * What content scripts may ask of the server, done here with the token they never see. Reads go
 * straight to the server; writes go through the offline queue (outbox.ts).
 */

const QUEUED_TEXT = 'Нет связи с сервером: действие в очереди и отправится само, как только сервер ответит';

async function connection(): Promise<StoredConnection> {
  const stored = await readConnection();
  if (!stored) throw new ApiError(401, 'signed_out', 'Расширение не подключено: откройте настройки Воронки и войдите');
  return stored;
}

let lastGoodAt = 0;

/** A read through the token; a good answer also tells the queue the server is back. */
async function read<T>(call: Omit<ApiCall, 'serverUrl' | 'token'>): Promise<T> {
  const { serverUrl, token } = await connection();
  const value = await callApi<T>({ ...call, serverUrl, token });
  const now = systemNow();
  if (now - lastGoodAt > 5_000) {
    lastGoodAt = now;
    void updateSettings({ lastSyncAt: now });
    void flushQueue(true).catch(() => undefined);
  }
  return value;
}

export async function pageConfig(): Promise<PageConfig> {
  const [stored, settings] = await Promise.all([readConnection(), readSettings()]);
  return { signedIn: stored !== null, callPopups: settings.callPopups, ownEmail: stored?.user.email ?? null };
}

/** The first participant (sender first) who is a contact of a company the user may open. */
export async function mailCard({ participants }: MailCardRequest): Promise<MailCardView> {
  const own = (await connection()).user.email.toLowerCase();
  const outside = participants.filter((p) => p.email !== own);
  let candidate: MailParty | null = null;
  for (const party of outside.slice(0, 5)) {
    const found = await read<z.infer<typeof SearchResult>>({ path: `/api/search?q=${encodeURIComponent(party.email)}&limit=5` });
    const hit = found.items.find((item) => item.matchedBy === 'email');
    if (hit) {
      const card = await read<CompanyCard>({ path: `/api/companies/${hit.id}/card` });
      return { email: party.email, card, candidate: null };
    }
    candidate ??= party;
  }
  return { email: null, card: null, candidate };
}

export function phoneCard({ phone }: { phone: string }): Promise<CallerCard> {
  return read<CallerCard>({ path: `/api/lookup?phone=${encodeURIComponent(phone)}` });
}

export async function openCard({ companyId }: { companyId: number }): Promise<{ opened: true }> {
  const { serverUrl } = await connection();
  await browser.tabs.create({ url: new URL(`/app/clients/${companyId}`, serverUrl).toString() });
  return { opened: true };
}

/** Stores and sends one write; the outcome says whether it reached the server or waits in the queue. */
async function act(action: NewAction, sentText: (answer: unknown) => string): Promise<ActionOutcome> {
  await connection();
  const { item, answer } = await enqueue(action);
  const companyId = action.companyId ?? undefined;
  const base = { itemId: item.id, ...(companyId ? { companyId } : {}) };
  if (item.state === 'sent') return { ...base, state: 'sent', message: sentText(answer) };
  if (item.state === 'failed') throw new ApiError(400, 'refused', item.lastError ?? 'Сервер отклонил действие');
  return { ...base, state: 'queued', message: QUEUED_TEXT };
}

export async function logMail(request: LogMailRequest): Promise<ActionOutcome> {
  const body = await mailLogBody(request);
  return act(
    { kind: 'logMail', summary: `Письмо: ${request.subject ?? '(без темы)'}`, request: { method: 'POST', path: '/api/mail/log', body } },
    (answer) => {
      const result = answer as z.input<typeof MailLogResult>;
      if (result.duplicate) return 'Это письмо уже есть в ленте клиента';
      if (result.companies.length) return 'Письмо записано в ленту клиента';
      return result.reason ? `Письмо не записано: ${result.reason}` : 'Письмо не записано';
    },
  );
}

export function addNote({ companyId, text }: NoteRequest): Promise<ActionOutcome> {
  return act(
    {
      kind: 'addNote',
      summary: `Заметка: ${text.slice(0, 60)}`,
      companyId,
      request: { method: 'POST', path: `/api/companies/${companyId}/events`, body: { kind: 'note', subject: text } },
    },
    () => 'Заметка добавлена',
  );
}

export function createTask({ companyId, title, dueAt }: TaskRequest): Promise<ActionOutcome> {
  return act(
    {
      kind: 'createTask',
      summary: `Задача: ${title.slice(0, 60)}`,
      companyId,
      request: { method: 'POST', path: '/api/tasks', body: { companyId, title, dueAt, kind: 'follow_up' } },
    },
    () => 'Задача поставлена',
  );
}

export function createLead({ companyId }: LeadRequest): Promise<ActionOutcome> {
  return act(
    {
      kind: 'createLead',
      summary: 'Новый интерес',
      companyId,
      request: { method: 'POST', path: '/api/leads', body: { companyId, channel: 'mail' } },
    },
    () => 'Интерес открыт',
  );
}

export function collisionText(matches: Collision[]): string {
  const first = matches[0]!;
  const whose = first.ownerName ? `ответственный ${first.ownerName}` : 'без ответственного (пул региона)';
  return `Уже есть в базе${first.companyName ? `: ${first.companyName}` : ''} — ${whose}, ${first.regionName}`;
}

/** The body of a contact for POST /api/companies[/:id/contacts]: the display name, or the address's local part, never the address twice. */
function contactBody(contact: NewContact) {
  return {
    name: contact.name ?? contact.email.split('@')[0] ?? contact.email,
    ...(contact.position ? { position: contact.position } : {}),
    phones: contact.phones ?? [],
    emails: [contact.email],
  };
}

/**
 * «Создать клиента» from the sender: the collision check first; offline, the server's own duplicate
 * check decides later. The mail it was created from is logged in the same click, after the client
 * (queued behind it when offline), so it lands on the new client's timeline.
 */
export async function createClient({ companyName, contact, mail }: ClientRequest): Promise<ClientOutcome> {
  const { user } = await connection();
  const regionId = user.regionIds[0];
  if (regionId === undefined) throw new ApiError(400, 'no_region', 'У вас нет региона: клиента может создать руководитель');
  try {
    const { matches } = await read<{ matches: Collision[] }>({ path: `/api/collisions?email=${encodeURIComponent(contact.email)}` });
    if (matches.length) return { state: 'collision', message: collisionText(matches) };
  } catch (err) {
    if (!(err instanceof ApiError) || (err.status !== 0 && err.status < 500)) throw err;
  }
  const body = {
    name: companyName,
    regionId,
    status: 'prospect',
    contacts: [contactBody(contact)],
  };
  const created = await act(
    { kind: 'createClient', summary: `Новый клиент: ${companyName}`, request: { method: 'POST', path: '/api/companies', body } },
    (answer) => `Клиент создан: ${(answer as { company: { name: string } }).company.name}`,
  );
  if (!mail) return created;
  try {
    const logged = await logMail(mail);
    return { ...created, message: `${created.message}. ${logged.state === 'sent' ? logged.message : 'Письмо — в очереди'}` };
  } catch (err) {
    return { ...created, message: `${created.message}. Письмо не записано: ${(err as Error).message}` };
  }
}

/** «Добавить контакт»: an unknown participant of a known company's thread joins that company. */
export function addContact({ companyId, contact }: ContactRequest): Promise<ActionOutcome> {
  return act(
    {
      kind: 'addContact',
      summary: `Новый контакт: ${contact.name ?? contact.email}`,
      companyId,
      request: { method: 'POST', path: `/api/companies/${companyId}/contacts`, body: contactBody(contact) },
    },
    () => `Контакт добавлен: ${contact.name ?? contact.email}`,
  );
}

/**
 * Click-to-call is not queued: a call placed minutes later, when the server is back, would ring
 * the manager's phone out of the blue. Offline it fails at once and says so.
 */
export async function call({ phone, companyId }: CallRequest): Promise<ActionOutcome> {
  const { serverUrl, token } = await connection();
  const key = crypto.randomUUID();
  try {
    const accepted = await callApi<ClickToCallAccepted>({
      serverUrl,
      token,
      path: '/api/calls',
      method: 'POST',
      body: { phone, ...(companyId ? { companyId } : {}) },
      headers: { 'idempotency-key': key },
      timeoutMs: 10_000,
    });
    return {
      state: 'sent',
      itemId: key,
      message: `Звоним ${accepted.phone}: АТС сначала позвонит на ваш телефон`,
      ...(companyId ? { companyId } : {}),
    };
  } catch (err) {
    if (err instanceof ApiError && (err.status === 0 || err.status >= 500) && err.code !== 'bad_gateway') {
      throw new ApiError(err.status, err.code, `Звонок не сделан: ${err.message}`);
    }
    throw err;
  }
}
