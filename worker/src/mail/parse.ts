import PostalMime from 'postal-mime';
import type { Attachment, Email, Mailbox } from 'postal-mime';
import { splitMailAddress } from '../../../schema/contracts/mail';
import { normalizeEmail } from '../../../schema/domain/contact-points';
import { toHex } from '../platform/crypto';
import { automatedKind, type AutoMail } from './automated';
import { fixCharsetLabels } from './charsets';

export interface MailAddress {
  /** Lower-cased, as contact points store e-mails. */
  address: string;
  /** Display name, decoded; empty when the header had none. */
  name: string;
}

export interface MailAttachmentInfo {
  name: string;
  size: number;
}

/** What Voronka keeps of a mail, whichever way it arrived: never a body of an attachment. */
export interface MailMessage {
  /** Message-ID without its angle brackets. */
  messageId: string;
  inReplyTo: string | null;
  /** References in header order: the first is the thread's root. */
  references: string[];
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** Ms UTC from the Date header, null when missing or unreadable. */
  date: number | null;
  subject: string;
  /** Plain text of the new part of the body (quotes cut), at most SNIPPET_MAX characters. */
  snippet: string;
  attachments: MailAttachmentInfo[];
  /** Delivery failures, auto-replies and mailings (automated.ts): never open a lead, never make a contact. */
  automated: boolean;
  /** What kind of machine wrote it and how that was seen; absent in mail kept before it was recorded. */
  auto?: AutoMail | null;
}

export const SNIPPET_MAX = 500;
export const SUBJECT_MAX = 500;
const ATTACHMENTS_MAX = 50;
const ADDRESSES_MAX = 100;
/** RFC 5321's limit on a path: a longer "address" is no mailbox, and would bloat every row it lands in. */
const ADDRESS_MAX_LENGTH = 254;
/** References kept (the root first); threading reads the first 50, the inbox row keeps them all. */
const REFERENCES_MAX = 100;
const HTML_SCAN_MAX = 200_000;

/** `<id@host>` or `id@host` → `id@host`; null when nothing usable is left. */
export function cleanMessageId(raw: string | null | undefined): string | null {
  const id = (raw ?? '')
    .trim()
    .replace(/^<+|>+$/g, '')
    .trim();
  return id && id.length <= 998 && !/[\s<>]/.test(id) ? id : null;
}

/** Every `<id>` of a References / In-Reply-To header, in order, each once. */
export function messageIdList(raw: string | null | undefined): string[] {
  const ids =
    (raw ?? '')
      .match(/<[^<>\s]+>/g)
      ?.map((m) => cleanMessageId(m))
      .filter((m): m is string => !!m) ?? (cleanMessageId(raw) ? [cleanMessageId(raw)!] : []);
  return [...new Set(ids)];
}

export function cleanAddress(box: { address?: string | undefined; name?: string | undefined } | null | undefined): MailAddress | null {
  const address = box?.address && box.address.length <= ADDRESS_MAX_LENGTH ? normalizeEmail(box.address) : null;
  return address ? { address, name: (box?.name ?? '').trim().replace(/\s+/g, ' ').slice(0, 200) } : null;
}

function flatten(list: Email['to']): MailAddress[] {
  return flattenBoxes((list ?? []).flatMap((a): Mailbox[] => (a.group ? a.group : [a])));
}

/** Clean, each address once, at most ADDRESSES_MAX. */
function flattenBoxes(boxes: { address?: string | undefined; name?: string | undefined }[]): MailAddress[] {
  const seen = new Set<string>();
  const out: MailAddress[] = [];
  for (const box of boxes) {
    const clean = cleanAddress(box);
    if (clean && !seen.has(clean.address) && out.length < ADDRESSES_MAX) {
      seen.add(clean.address);
      out.push(clean);
    }
  }
  return out;
}

function htmlToText(html: string): string {
  return html
    .slice(0, HTML_SCAN_MAX)
    .replace(/<(style|script|head)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<blockquote\b[\s\S]*?<\/blockquote\s*>/gi, '\n')
    .replace(/<(br|\/p|\/div|\/tr|\/li|\/h\d)\b[^>]*>/gi, '\n')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

// Where the new text ends: what comes after is a signature or the quoted history of an earlier,
// already logged mail, as Russian and English clients introduce it.
const HISTORY_MARKS: RegExp[] = [
  // the signature mark "-- " (trimmed) and the separators of quoted / forwarded mail
  /^--$/,
  /^-{2,}\s*(original message|исходное сообщение|пересылаемое сообщение|переадресованное сообщение|forwarded message|перенаправленное сообщение)\s*-{2,}$/i,
  // the rule Outlook draws above its «От: … Отправлено: …» block
  /^_{10,}$/,
];
// Outlook's «От: … Отправлено: … Кому: … Тема: …» / "From: … Sent: … To: … Subject: …" block (and
// Gmail's forwarded header): a From line with another of the block's fields right under it. A
// From line alone is a person's text (a site's form: «От: Иван, Телефон: …»).
const HEADER_FROM = /^(from|от):\s/i;
const HEADER_FIELD = /^(sent|отправлено|date|дата|to|кому|subject|тема|cc|копия):\s/i;
const ATTRIBUTIONS: RegExp[] = [
  // Thunderbird, Gmail, Apple Mail: «… пишет:», "On … wrote:"
  /\s(wrote|writes|пишет|написал\(а\)|написал|написала):$/i,
  // Яндекс «02.12.2026, 10:00, "Имя" <addr>:», Mail.ru «Среда, 2 декабря 2026, 10:00 +03:00 от Имя <addr>:»
  /\d{1,2}:\d{2}\b.*[\s<"«][^\s<>@"]+@[^\s<>@"]+\.[^\s<>@"]+>?["»]?\s*:$/,
];
// An attribution a client wrapped onto a second line starts like one: "On …", a date, a weekday.
const ATTRIBUTION_START =
  /^(on\s|am\s|\d{1,2}[./]\d{1,2}[./]\d{2,4}|\d{4}-\d{2}-\d{2}|(mon|tue|wed|thu|fri|sat|sun)\w*,|(понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс),)/i;

const isMark = (marks: RegExp[], line: string) => line.length <= 400 && marks.some((re) => re.test(line));

/**
 * The new text of a mail: quoted lines and the quoted history cut, whitespace folded, ≤ SNIPPET_MAX.
 * An attribution line followed by '>' lines introduces a quote the person answers below
 * (Thunderbird writes its reply under the quote by default), so only the quote is skipped; one
 * followed by plain text (Яндекс, Mail.ru) or a separator (Outlook) ends the new text.
 */
export function snippetOf(text: string): string {
  const kept: string[] = [];
  const lines = text
    .slice(0, HTML_SCAN_MAX)
    .split(/\r?\n/)
    .map((l) => l.trim());
  const nextText = (i: number) => lines.slice(i, i + 20).find((l) => l !== '') ?? '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isMark(HISTORY_MARKS, line)) break;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 4).some((l) => HEADER_FIELD.test(l))) break;
    let attribution = isMark(ATTRIBUTIONS, line) ? 1 : 0;
    if (!attribution && ATTRIBUTION_START.test(line) && lines[i + 1]?.endsWith(':') && isMark(ATTRIBUTIONS, `${line} ${lines[i + 1]}`))
      attribution = 2;
    if (attribution) {
      if (!nextText(i + attribution).startsWith('>')) break;
      i += attribution - 1;
      continue;
    }
    if (!line.startsWith('>')) kept.push(line);
  }
  const folded = kept.join(' ').replace(/\s+/g, ' ').trim();
  return folded.length > SNIPPET_MAX ? `${folded.slice(0, SNIPPET_MAX - 1)}…` : folded;
}

/**
 * Files, not pictures of the body: a part referenced from the HTML by its Content-ID (a logo in a
 * signature) is not an attachment, or every signed mail would look like a proposal being sent.
 */
function attachmentInfo(parts: Attachment[]): MailAttachmentInfo[] {
  return parts
    .filter((a) => !a.related && !(a.disposition === 'inline' && a.mimeType.startsWith('image/') && !a.filename))
    .slice(0, ATTACHMENTS_MAX)
    .map((a) => ({
      name: (a.filename ?? `без имени (${a.mimeType})`).trim().slice(0, 255) || `без имени (${a.mimeType})`,
      size: typeof a.content === 'string' ? a.content.length : a.content.byteLength,
    }));
}

export function parseDate(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined || raw === '') return null;
  const ms = typeof raw === 'number' ? raw : Date.parse(raw);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

/**
 * A raw RFC 5322 message → the normalized mail. A message without a Message-ID gets one derived
 * from its bytes, so a redelivery of the same mail is still recognised.
 */
export async function parseMail(raw: ArrayBuffer | Uint8Array): Promise<MailMessage> {
  const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
  const email = await PostalMime.parse(fixCharsetLabels(bytes), { attachmentEncoding: 'arraybuffer' });
  const auto = automatedKind(email);
  const messageId =
    cleanMessageId(email.messageId) ?? `no-message-id.${toHex(await crypto.subtle.digest('SHA-256', bytes)).slice(0, 40)}@voronka.invalid`;
  const text = email.text ?? (email.html ? htmlToText(email.html) : '');
  return {
    messageId,
    inReplyTo: messageIdList(email.inReplyTo)[0] ?? null,
    references: messageIdList(email.references).slice(0, REFERENCES_MAX),
    from: cleanAddress(email.from && !email.from.group ? email.from : email.from?.group?.[0]),
    to: flatten(email.to),
    cc: flatten(email.cc),
    date: parseDate(email.date),
    subject: (email.subject ?? '').replace(/\s+/g, ' ').trim().slice(0, SUBJECT_MAX),
    snippet: snippetOf(text),
    attachments: attachmentInfo(email.attachments),
    automated: auto !== null,
    auto,
  };
}

/** The header block of a raw message as text (up to `max` characters), for the inbox. */
export function headerBlock(raw: Uint8Array, max = 32_768): string {
  const head = new TextDecoder().decode(raw.subarray(0, Math.min(raw.byteLength, max * 2)));
  const end = head.search(/\r?\n\r?\n/);
  return (end >= 0 ? head.slice(0, end) : head).slice(0, max);
}

/** What the extension read off a webmail page → the same normalized mail the Email Worker builds. */
export function messageFromFields(fields: {
  messageId: string;
  from: string;
  to: string[];
  cc: string[];
  date?: string | number | undefined;
  subject: string;
  snippet?: string | undefined;
  attachments: { name: string; size?: number | undefined }[];
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
}): MailMessage {
  const addresses = (list: string[]) => flattenBoxes(list.map((t) => splitMailAddress(t)).filter((a): a is MailAddress => !!a));
  return {
    messageId: cleanMessageId(fields.messageId) ?? fields.messageId.trim(),
    inReplyTo: cleanMessageId(fields.inReplyTo),
    references: [...new Set((fields.references ?? []).map((r) => cleanMessageId(r)).filter((r): r is string => !!r))],
    from: fields.from ? cleanAddress(splitMailAddress(fields.from)) : null,
    to: addresses(fields.to),
    cc: addresses(fields.cc),
    date: parseDate(fields.date),
    subject: fields.subject.replace(/\s+/g, ' ').trim().slice(0, SUBJECT_MAX),
    snippet: snippetOf(fields.snippet ?? ''),
    attachments: fields.attachments.slice(0, ATTACHMENTS_MAX).map((a) => ({ name: a.name.trim().slice(0, 255), size: a.size ?? 0 })),
    automated: false,
    auto: null,
  };
}
