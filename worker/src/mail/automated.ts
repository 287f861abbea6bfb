import type { Email } from 'postal-mime';

/** What kind of machine wrote a mail: a delivery failure, an auto-reply or a mass mailing. */
export type AutoKind = 'bounce' | 'auto_reply' | 'bulk';

/** A machine-written mail and the sign it was recognised by (a header or the subject), for the inbox reason. */
export interface AutoMail {
  kind: AutoKind;
  sign: string;
}

// Delivery failures as the major servers title them: Postfix, Exim, Gmail, Exchange/Outlook
// (English and Russian), Яндекс, Mail.ru, qmail. Only at the start: «Re: Undeliverable…» is a person.
// (?![\p{L}\p{N}]) ends a word: \b knows only Latin letters.
const BOUNCE_SUBJECT =
  /^(undeliverable|undelivered mail returned to sender|undelivered mail|delivery status notification \((failure|delay)\)|mail delivery failed|delivery failure|delivery has failed|failure notice|returned mail|mail system error|недоставленное сообщение|сообщение не доставлено|не доставлено|не удается доставить|не удалось доставить|ошибка доставки|письмо не доставлено|уведомление о состоянии доставки|возвращ[её]нное (письмо|сообщение))(?![\p{L}\p{N}])/iu;

// Out-of-office and other automatic answers: Outlook/Exchange (English and Russian), Яндекс, Mail.ru, Gmail vacation.
const AUTO_REPLY_SUBJECT =
  /^(automatic reply|auto(matic)?[- ]?reply|autoreply|auto response|out of (the )?office|away from (the )?office|автоматический ответ|автоответ|нет на месте|вне офиса)(?![\p{L}\p{N}])/iu;

// Who sends reports: the MTA's own mailbox, Exchange's system mailbox (MicrosoftExchange + 32 hex).
const SYSTEM_SENDER = /^(mailer-daemon|postmaster|microsoftexchange[0-9a-f]{32}|mail-daemon|maildaemon)@/i;
const SYSTEM_SENDER_NAME = /^(mail delivery (system|subsystem)|microsoft outlook|почтовая система|служба доставки почты)$/i;

type Headers = Email['headers'];

const headerValue = (headers: Headers, key: string) =>
  headers
    .find((h) => h.key === key)
    ?.value.trim()
    .toLowerCase();
const hasHeader = (headers: Headers, key: string) => headers.some((h) => h.key === key);

/**
 * Recognises delivery failures, auto-replies and mailings by what the servers that send them put
 * on them — not only RFC 3464/3834: Exchange's X-MS-Exchange-Message-Is-Ndr and its system
 * mailbox, X-Failed-Recipients (Exim), MAILER-DAEMON/postmaster, the null Return-Path,
 * X-Autoreply/X-Autorespond (Яндекс, Mail.ru), Precedence and X-Auto-Response-Suppress, and the
 * subjects they write. Null for a mail a person wrote.
 */
export function automatedKind(email: Pick<Email, 'headers' | 'from' | 'subject'>): AutoMail | null {
  const h = email.headers;
  const contentType = headerValue(h, 'content-type') ?? '';
  const from = email.from && !email.from.group ? email.from : email.from?.group?.[0];
  const fromAddress = (from?.address ?? '').trim();
  const fromName = (from?.name ?? '').trim();
  const subject = (email.subject ?? '').replace(/\s+/g, ' ').trim();
  const returnPath = headerValue(h, 'return-path');
  const autoSubmitted = headerValue(h, 'auto-submitted');
  const precedence = headerValue(h, 'precedence');

  // A delivery failure first: a bounce carries Auto-Submitted too, and it must not read as an auto-reply.
  if (/^multipart\/report\b/.test(contentType) && /report-type\s*=\s*"?(delivery-status|disposition-notification)/.test(contentType))
    return { kind: 'bounce', sign: 'Content-Type: multipart/report' };
  if (hasHeader(h, 'x-ms-exchange-message-is-ndr')) return { kind: 'bounce', sign: 'X-MS-Exchange-Message-Is-Ndr' };
  if (hasHeader(h, 'x-failed-recipients')) return { kind: 'bounce', sign: 'X-Failed-Recipients' };
  if (SYSTEM_SENDER.test(fromAddress)) return { kind: 'bounce', sign: `From: ${fromAddress.toLowerCase()}` };
  if (SYSTEM_SENDER_NAME.test(fromName)) return { kind: 'bounce', sign: `From: ${fromName}` };
  if (BOUNCE_SUBJECT.test(subject)) return { kind: 'bounce', sign: `Subject: ${subject.slice(0, 80)}` };

  if (hasHeader(h, 'list-unsubscribe') || hasHeader(h, 'list-id')) return { kind: 'bulk', sign: 'List-Unsubscribe / List-Id' };
  if (precedence !== undefined && /^(bulk|list|junk)$/.test(precedence)) return { kind: 'bulk', sign: `Precedence: ${precedence}` };

  if (precedence === 'auto_reply') return { kind: 'auto_reply', sign: 'Precedence: auto_reply' };
  // The null sender of reports and auto-replies (RFC 3834). Alone it is only an auto-reply: a
  // known contact's mail is still logged and a stranger's kept for replay, should some relay on
  // the way to Voronka (a redirect rule) have sent a person's mail with it.
  if (returnPath !== undefined && /^<\s*>$/.test(returnPath)) return { kind: 'auto_reply', sign: 'Return-Path: <>' };
  for (const key of ['x-autoreply', 'x-autorespond', 'x-autoreply-from', 'x-mail-autoreply']) {
    const value = headerValue(h, key);
    if (value !== undefined && value !== 'no' && value !== 'false')
      return { kind: 'auto_reply', sign: key.replace(/(^|-)\w/g, (c) => c.toUpperCase()) };
  }
  if (autoSubmitted !== undefined && autoSubmitted !== 'no' && autoSubmitted !== '')
    return { kind: 'auto_reply', sign: `Auto-Submitted: ${autoSubmitted}` };
  if (AUTO_REPLY_SUBJECT.test(subject)) return { kind: 'auto_reply', sign: `Subject: ${subject.slice(0, 80)}` };
  // Exchange stamps it on what it generates itself (OOF, recalls); Outlook's own mail carries none.
  // X-MS-Exchange-Inbox-Rules-Loop and -Generated-Message-Source are not signs: a mailbox rule
  // redirecting a client's mail to Voronka stamps them on a mail a person wrote.
  const suppress = headerValue(h, 'x-auto-response-suppress');
  if (suppress && /\b(all|oof|autoreply)\b/.test(suppress)) return { kind: 'auto_reply', sign: `X-Auto-Response-Suppress: ${suppress}` };
  return null;
}
