import { z } from 'zod';
import { normalizeEmail } from '../domain/contact-points';

/** `Иван Петров <ivan@krovlya.ru>`, `"Петров, Иван" <ivan@krovlya.ru>` or `ivan@krovlya.ru` → its parts. */
export function splitMailAddress(text: string): { name: string; address: string } | null {
  const m = /^\s*(?:"?([^"<>]*?)"?\s*)?<\s*([^<>\s]+)\s*>\s*$/.exec(text) ?? /^\s*()([^<>\s]+)\s*$/.exec(text);
  const address = m ? normalizeEmail(m[2]!) : null;
  return address ? { name: (m![1] ?? '').trim().replace(/\s+/g, ' ').slice(0, 200), address } : null;
}

const MailAddressText = z
  .string()
  .max(400)
  .refine((v) => splitMailAddress(v) !== null, {
    message: 'Не похоже на e-mail (ожидается «Имя <адрес>» или «адрес») / Not an e-mail address',
  });

const MessageIdText = z
  .string()
  .trim()
  .min(3)
  .max(998)
  .refine((v) => /^<?[^<>\s]+>?$/.test(v), {
    message: 'Message-ID без пробелов, в форме <id@host> / A Message-ID has no spaces: <id@host>',
  });

/** "Log this mail" from the extension's webmail sidebar: what the page shows of one message. */
export const MailLogRequest = z
  .object({
    messageId: MessageIdText,
    from: MailAddressText,
    to: z.array(MailAddressText).max(100),
    cc: z.array(MailAddressText).max(100).default([]),
    /**
     * The mail's own date (the extension reads it off the page; older versions sent the time of
     * the click): ISO 8601 (or RFC 2822) text, or milliseconds UTC. The event is filed at it; a date
     * more than 10 minutes ahead of the server's clock or older than 20 years is refused. Absent
     * (a page whose date the extension cannot read): the server's time of receipt.
     */
    date: z
      .union([
        z.number().int().positive(),
        z
          .string()
          .trim()
          .min(1)
          .max(100)
          .refine((v) => Number.isFinite(Date.parse(v)), { message: 'Дата не читается / Unreadable date' }),
      ])
      .optional(),
    subject: z.string().max(2000).default(''),
    /** Plain text of the body as the page shows it; Voronka keeps the first 500 characters of the new part. */
    snippet: z.string().max(100_000).optional(),
    /** Names and sizes only: the files themselves never leave the mailbox. */
    attachments: z
      .array(z.object({ name: z.string().trim().min(1).max(255), size: z.number().int().min(0).max(1_000_000_000).optional() }))
      .max(100)
      .default([]),
    inReplyTo: MessageIdText.optional(),
    references: z.array(MessageIdText).max(100).optional(),
  })
  .meta({ id: 'MailLogRequest' });
export type MailLogRequest = z.output<typeof MailLogRequest>;

export const MailSkip = z.object({
  address: z.string(),
  reason: z.enum(['never_log', 'unknown', 'out_of_scope', 'automated', 'no_region']),
  pattern: z.string().optional(),
});

export const MailLogResult = z
  .object({
    messageId: z.string(),
    threadId: z.string(),
    direction: z.enum(['in', 'out', 'internal']),
    /** The same mail was logged before (by the extension or the Email Worker): nothing changed. */
    duplicate: z.boolean(),
    leadCreated: z.boolean(),
    companies: z.array(
      z.object({
        companyId: z.number().int(),
        eventId: z.number().int().nullable(),
        leadId: z.number().int().nullable(),
        duplicate: z.boolean(),
        movedTo: z.string().nullable(),
        createdProspect: z.boolean(),
        addedContact: z.boolean(),
      }),
    ),
    skipped: z.array(MailSkip),
    /** Why nothing or not everything was logged, in words (also kept in the inbox). */
    reason: z.string().nullable(),
  })
  .meta({ id: 'MailLogResult' });

export const NeverLogEntry = z.object({ pattern: z.string(), note: z.string().nullable() });
export const NeverLogList = z
  .object({
    items: z.array(NeverLogEntry),
    /** MAIL_OWN_DOMAINS: mail among them is internal and never logged, without a row here. */
    ownDomains: z.array(z.string()),
  })
  .meta({ id: 'NeverLogList' });
export const NeverLogCreate = z.object({
  /** An exact address or `@domain` (its subdomains too). */
  pattern: z.string().trim().min(3).max(320),
  note: z.string().trim().max(300).optional(),
});
export const NeverLogQuery = z.object({ pattern: z.string().trim().min(1).max(320) });
export const NeverLogRemoved = z.object({ pattern: z.string(), removed: z.literal(true) });
