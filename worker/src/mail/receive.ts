import type { Env } from '../platform/env';
import { clockNow } from '../platform/clock';
import { loadConfig } from '../platform/config';
import { createDb } from '../platform/db';
import { noLivePush } from '../platform/live';
import type { ServiceContext } from '../platform/route';
import { inbox } from '../../../schema/db';
import { inboxInsert } from '../platform/inbox';
import { ingestMail, type MailIngestResult } from './ingest';
import { headerBlock, parseMail, type MailMessage } from './parse';

/** What the Email Worker hands over (ForwardableEmailMessage); tests pass bytes instead of a stream. */
export interface IncomingEmail {
  /** Envelope MAIL FROM and RCPT TO (the Voronka address the mail was sent or forwarded to). */
  from: string;
  to: string;
  raw: ReadableStream<Uint8Array> | Uint8Array | ArrayBuffer;
  rawSize?: number;
}

/** Cloudflare Email Routing's own limit: nothing larger ever reaches a worker. */
export const MAX_MAIL_BYTES = 25 * 1024 * 1024;
const HEADERS_ONLY_BYTES = 64 * 1024;

export interface MailReceipt {
  outcome: MailIngestResult['outcome'];
  reason: string | null;
  messageId: string | null;
  inboxId: number;
}

/** Reads at most `limit` bytes; `complete` is false when the message was longer. */
async function readRaw(raw: IncomingEmail['raw'], limit: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  if (!(raw instanceof ReadableStream)) {
    const bytes = raw instanceof Uint8Array ? raw : new Uint8Array(raw);
    return { bytes: bytes.subarray(0, limit), complete: bytes.byteLength <= limit };
  }
  const reader = raw.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let complete = true;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (size + value.byteLength > limit) {
      chunks.push(value.subarray(0, limit - size));
      size = limit;
      complete = false;
      await reader.cancel();
      break;
    }
    chunks.push(value);
    size += value.byteLength;
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return { bytes, complete };
}

/** The reason of a mail kept because filing it failed on our side; replay it from the inbox. */
export const INGEST_FAILED = 'ошибка обработки, письмо сохранено — повторите его из входящих';

// SMTPUTF8 envelopes may carry any character; a header value may not (the full text is in the body).
const headerSafe = (value: string) => value.replace(/[^\x20-\x7e]/g, '?').slice(0, 500);

interface KeptEntry {
  externalId: string | null;
  body: Record<string, unknown>;
  outcome: MailIngestResult['outcome'];
  reason: string | null;
}

function inboxEntry(mail: IncomingEmail, size: number, entry: KeptEntry) {
  return {
    source: 'mail',
    externalId: entry.externalId,
    method: 'EMAIL',
    path: `mailto:${mail.to}`,
    headers: new Headers({ 'x-envelope-from': headerSafe(mail.from), 'x-envelope-to': headerSafe(mail.to), 'x-mail-size': String(size) }),
    body: JSON.stringify({ envelope: { from: mail.from, to: mail.to, size }, ...entry.body }),
    outcome: entry.outcome,
    reason: entry.reason,
  };
}

/**
 * The Email Worker's entry: every mail sent or forwarded to the Voronka address is filed and kept
 * in the inbox — its header block and what was filed (snippet, attachment names and sizes), never
 * the body of an attachment. Mail is never bounced or dropped: a mail we cannot read, or cannot
 * file because of a failure of our own, is kept as rejected with the reason (the latter whole, so
 * it can be replayed); only a failure to write the inbox row itself is thrown, so Email Routing
 * answers a temporary error and the sending server retries.
 */
export async function receiveEmail(env: Env, mail: IncomingEmail, now = clockNow(env)): Promise<MailReceipt> {
  const config = loadConfig(env);
  const db = createDb(env.DB);
  const ctx: ServiceContext = {
    db,
    live: noLivePush,
    config,
    principal: { kind: 'machine', integration: 'mail' },
    requestId: `email:${crypto.randomUUID()}`,
    lang: 'ru',
    now,
  };
  const keep = async (entry: KeptEntry, size: number): Promise<MailReceipt> => {
    const row = await inboxInsert(db, inboxEntry(mail, size, entry), now)
      .returning({ id: inbox.id })
      .get();
    return { outcome: entry.outcome, reason: entry.reason, messageId: entry.externalId, inboxId: row.id };
  };

  const declared = mail.rawSize ?? 0;
  if (declared > MAX_MAIL_BYTES) {
    const head = await readRaw(mail.raw, HEADERS_ONLY_BYTES);
    return keep(
      {
        externalId: null,
        body: { headers: headerBlock(head.bytes) },
        outcome: 'rejected',
        reason: `письмо больше 25 МиБ (${declared} байт)`,
      },
      declared,
    );
  }
  const { bytes, complete } = await readRaw(mail.raw, MAX_MAIL_BYTES);
  const size = Math.max(declared, bytes.byteLength);
  if (!complete)
    return keep({ externalId: null, body: { headers: headerBlock(bytes) }, outcome: 'rejected', reason: 'письмо больше 25 МиБ' }, size);

  let message: MailMessage;
  try {
    message = await parseMail(bytes);
  } catch (err) {
    return keep(
      {
        externalId: null,
        body: { headers: headerBlock(bytes) },
        outcome: 'rejected',
        reason: `письмо не разобрано: ${String(err).slice(0, 300)}`,
      },
      size,
    );
  }
  const body = { headers: headerBlock(bytes), message };
  let result: MailIngestResult;
  try {
    result = await ingestMail(ctx, { message, actor: { kind: 'mailbox' }, ignore: [mail.to.toLowerCase()] });
  } catch (err) {
    // Kept whole (the normalized message) for «Повторить»; a throw now would make the sending
    // server retry a mail that fails the same way each time and finally bounce it to the client.
    // Only when even the inbox refuses the row is it thrown, so the sender keeps the mail.
    console.error(JSON.stringify({ email: message.messageId, error: String(err), stack: (err as Error).stack }));
    return keep(
      {
        externalId: message.messageId,
        body,
        outcome: 'rejected',
        reason: `${INGEST_FAILED}: ${String(err).slice(0, 300)}`,
      },
      size,
    );
  }
  return keep(
    {
      externalId: message.messageId,
      body: {
        ...body,
        filed: { threadId: result.threadId, direction: result.direction, companies: result.companies, skipped: result.skipped },
      },
      outcome: result.outcome,
      reason: result.reason,
    },
    size,
  );
}
