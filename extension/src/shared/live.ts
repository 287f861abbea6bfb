import { formatPhone } from './format';
import type { CallerCard } from '../../../schema/contracts';
import type { LiveMessage } from '../../../schema/contracts/live-protocol';

/**
 * Pure helpers of the live channel (tests/unit/extension-live.test.ts): reading a pushed frame and
 * turning it into what the manager sees. The socket itself lives in background/live.ts.
 */

export type { LiveMessage };

/** A 48×48 funnel on the brand blue: notifications of type "basic" need an icon. */
export const NOTIFICATION_ICON =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAADAAAAAwCAYAAABXAvmHAAAAtUlEQVR42u3auw2AMAwE0GzCaKzHltDRgKIoOf8uZ4mKxk+IxJbd2kAc53VHPG02ohKGgLImP4TInnwXUSX5X0S15D8IAQRYAFRN/kX0XmaJaUAGxNIXoABEIpb/ARpABAJyCkUhYMcoHcADAb3IKAGWCHgp4YkwqYWoAUiEWTVKD0AgTPsBa4R5Q7MNYAbh0lJuBRiFuDb1AggggAAC8AM0HxBAAIIxK8Wgm2LVgGLZo9q6zQMHgirDVIOnMQAAAABJRU5ErkJggg==';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optText = (v: unknown) => v === undefined || v === null || typeof v === 'string';

/** A pushed frame as a message, or null for anything this version does not understand. */
export function parseLiveMessage(text: string): LiveMessage | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(raw)) return null;
  if (raw.type === 'test' && typeof raw.at === 'number') return { type: 'test', at: raw.at };
  if (raw.type === 'call.ringing' && typeof raw.callId === 'string' && isObject(raw.card)) {
    const card = raw.card;
    if (typeof card.phone !== 'string' || typeof card.known !== 'boolean') return null;
    if (!optText(card.companyName) || !optText(card.contactName) || !optText(card.ownerName)) return null;
    if (card.companyId !== undefined && !Number.isInteger(card.companyId)) return null;
    return { type: 'call.ringing', callId: raw.callId, card: card as unknown as CallerCard };
  }
  return null;
}

/** «Звонит: <компания>, <контакт>, ответственный <менеджер>» — the parts that are known. */
export function ringingText(card: CallerCard): string {
  const who = card.companyName || formatPhone(card.phone);
  const parts = [who, card.contactName, card.ownerName ? `ответственный ${card.ownerName}` : 'без ответственного'];
  return `Звонит: ${parts.filter(Boolean).join(', ')}`;
}

export type NoticeAction = 'openCard' | 'createLead';

export interface Notice {
  id: string;
  title: string;
  message: string;
  contextMessage?: string;
  buttons: { title: string; action: NoticeAction }[];
}

/** What to show for a pushed message: the notification's text and buttons; its id carries what the buttons need. */
export function noticeFor(message: LiveMessage): Notice {
  if (message.type === 'test') {
    return { id: `test:${message.at}`, title: 'Воронка', message: 'Проверка уведомлений: живой канал работает', buttons: [] };
  }
  const { card } = message;
  const buttons: Notice['buttons'] = [];
  if (card.companyId !== undefined) {
    buttons.push({ title: 'Открыть карточку', action: 'openCard' });
    if (!card.openLead) buttons.push({ title: 'Создать интерес', action: 'createLead' });
  }
  return {
    id: `call:${card.companyId ?? 0}:${message.callId}`,
    title: 'Входящий звонок',
    message: ringingText(card),
    ...(card.companyName ? { contextMessage: formatPhone(card.phone) } : {}),
    buttons,
  };
}

/** The company a call notification is about (0 = none), read back from its id when a button is clicked. */
export function companyOfNotice(id: string): number | null {
  const m = /^call:(\d+):/.exec(id);
  const companyId = m ? Number(m[1]) : 0;
  return companyId > 0 ? companyId : null;
}

/** ws:// or wss:// address of the live channel of a server origin. */
export function liveUrl(serverUrl: string): string {
  const url = new URL('/api/live', serverUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** Reconnect delay after the n-th failure in a row: 1 s, 2 s, 4 s … capped at 30 s, ±20 % jitter. */
export function backoffMs(failures: number, random = Math.random()): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.min(failures, 5));
  return Math.round(base * (0.8 + 0.4 * random));
}
