import type { LogMailRequest, MailParty } from './messages';

/**
 * «Записать письмо» → the body of POST /api/mail/log. Webmail pages do not show the RFC Message-ID,
 * so the extension names the mail itself, from the site and the site's own ids: the same message
 * always gets the same id, and the server's de-duplication by Message-ID makes a second click (or
 * a second manager logging the same thread view) change nothing.
 */

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function extensionMessageId(request: Pick<LogMailRequest, 'siteId' | 'siteMessageId' | 'threadKey'>): Promise<string> {
  const hash = await sha256Hex(`${request.threadKey}|${request.siteMessageId ?? ''}`);
  return `<${request.siteId}.${hash.slice(0, 32)}@extension.voronka>`;
}

/** `"Иван Петров" <ivan@krovlya.ru>`: quotes and angle brackets in a display name are dropped. */
export function mailAddress(party: MailParty): string {
  const name = party.name?.replace(/["<>\\]/g, '').trim();
  return name ? `"${name}" <${party.email}>` : party.email;
}

export async function mailLogBody(request: LogMailRequest) {
  // A thread can show several senders: the first is "from", the others were written to as well.
  return {
    messageId: await extensionMessageId(request),
    from: mailAddress(request.from),
    to: request.to.map(mailAddress),
    cc: request.cc.map(mailAddress),
    // The mail's own date as the page showed it. None read: no date, and the server files it at receipt
    // (the browser's clock may be off; a date from it could land in the server's future and be refused).
    ...(request.date ? { date: request.date } : {}),
    subject: request.subject ?? '',
  };
}

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];
const WEEKDAYS_EN = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** A mail is never later than the page's clock, give or take a clock a few minutes fast. */
const AHEAD_MS = 5 * 60_000;

function monthOf(word: string): number | null {
  const ru = MONTHS.findIndex((m) => word.startsWith(m));
  if (ru >= 0) return ru;
  const en = MONTHS_EN.findIndex((m) => word.startsWith(m));
  return en >= 0 ? en : null;
}

/**
 * The date a webmail shows beside the open message, in the user's words and the browser's zone →
 * epoch ms; null when it cannot be read. Roundcube writes «Чт 07:15» this week, «Сегодня 10:15»,
 * «2026-11-20 05:15» (its date_format) or «20.11.2026 05:15»; Mail.ru «26 ноября, 10:15»; Yandex
 * «26 ноя в 10:15»; Gmail «26 нояб. 2026 г., 10:15». A date without a year is the latest such day not after `now`.
 */
export function shownMailDate(text: string | null | undefined, now: number): number | null {
  const t = (text ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
  if (!t) return null;
  const clock = /(\d{1,2}):(\d{2})/.exec(t);
  const hour = clock ? Number(clock[1]) : 0;
  const minute = clock ? Number(clock[2]) : 0;
  if (hour > 23 || minute > 59) return null;
  const today = new Date(now);
  // A day counted back from today may be 0 or less (the month before); a day read off the page must exist.
  const at = (year: number, month: number, day: number, counted = false): number | null => {
    if (month < 0 || month > 11 || (!counted && (day < 1 || day > 31))) return null;
    const ms = new Date(year, month, day, hour, minute).getTime();
    return counted || new Date(ms).getDate() === day ? ms : null;
  };
  const notLater = (ms: number | null, back: (ms: number) => number | null): number | null =>
    ms !== null && ms > now + AHEAD_MS ? back(ms) : ms;
  let m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  if (m) return notLater(at(Number(m[1]), Number(m[2]) - 1, Number(m[3])), () => null);
  m = /(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)/.exec(t);
  if (m) {
    const year = Number(m[3]) < 100 ? 2000 + Number(m[3]) : Number(m[3]);
    return notLater(at(year, Number(m[2]) - 1, Number(m[1])), () => null);
  }
  if (/сегодня|today/.test(t)) return notLater(at(today.getFullYear(), today.getMonth(), today.getDate()), () => null);
  if (/вчера|yesterday/.test(t)) return at(today.getFullYear(), today.getMonth(), today.getDate() - 1, true);
  m = /(\d{1,2})\s+([a-zа-яё]{3,})\.?,?(?:\s+(\d{4}))?/.exec(t);
  const month = m ? monthOf(m[2]!) : null;
  if (m && month !== null) {
    if (m[3]) return notLater(at(Number(m[3]), month, Number(m[1])), () => null);
    return notLater(at(today.getFullYear(), month, Number(m[1])), () => at(today.getFullYear() - 1, month, Number(m[1])));
  }
  const weekday = /^([a-zа-яё]{2,3})(?=[\s,.])/u.exec(t)?.[1];
  const wd = weekday ? Math.max(WEEKDAYS.indexOf(weekday), WEEKDAYS_EN.indexOf(weekday)) : -1;
  if (wd >= 0 && clock) {
    const back = (today.getDay() - wd + 7) % 7;
    const day = at(today.getFullYear(), today.getMonth(), today.getDate() - back, true);
    return notLater(day, () => at(today.getFullYear(), today.getMonth(), today.getDate() - back - 7, true));
  }
  if (clock && /^\d{1,2}:\d{2}$/.test(t)) return notLater(at(today.getFullYear(), today.getMonth(), today.getDate()), () => null);
  return null;
}

interface ReadMessage {
  messageId: string | null;
  threadKey: string;
  subject: string | null;
  participants: { email: string; name: string | null; role: 'from' | 'to' | 'cc' }[];
  dateText?: string | null;
}

/**
 * What the sidebar sends for «Записать письмо»: the first sender is "from"; a thread's other
 * senders were also written to, so they join "to". Null when the page shows no sender.
 */
export function logMailRequest(siteId: string, message: ReadMessage, now: number): LogMailRequest | null {
  const party = ({ email, name }: { email: string; name: string | null }): MailParty => ({ email, name });
  const from = message.participants.find((p) => p.role === 'from');
  if (!from) return null;
  return {
    siteId,
    siteMessageId: message.messageId,
    threadKey: message.threadKey,
    subject: message.subject,
    from: party(from),
    to: message.participants.filter((p) => p !== from && p.role !== 'cc').map(party),
    cc: message.participants.filter((p) => p.role === 'cc').map(party),
    date: shownMailDate(message.dateText, now),
  };
}
