import type { LogMailRequest, MailParty } from './messages';
import { shownMailDate } from '../hosts/date-text';

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

// The date-text parser is the host layer's (hosts/date-text.ts): one reader for every adapter's date.
export { shownMailDate };

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
