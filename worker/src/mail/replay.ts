import { MailLogRequest } from '../../../schema/contracts/mail';
import type { ReplayResult, StoredPayload } from '../platform/replay';
import { ingestMail } from './ingest';
import { messageFromFields, type MailMessage } from './parse';

/**
 * A kept mail filed again (e.g. after its recipient became a contact). The Email Worker's row
 * holds the normalized message; the extension's row holds its request body. A mail that could not
 * be read was kept without its body, so it cannot be replayed: the sender has to send it again.
 */
export async function replayMail(ctx: Parameters<typeof ingestMail>[0], body: string): Promise<ReplayResult> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { outcome: 'rejected', reason: 'тело не JSON' };
  }
  let message: MailMessage | null = null;
  const kept = (json as { message?: MailMessage } | null)?.message;
  const envelopeTo = (json as { envelope?: { to?: unknown } } | null)?.envelope?.to;
  if (kept && typeof kept.messageId === 'string') {
    message = kept;
  } else {
    const logged = MailLogRequest.safeParse(json);
    if (logged.success) message = messageFromFields(logged.data);
  }
  if (!message) return { outcome: 'rejected', reason: 'письмо не было разобрано и не сохранено целиком — его нужно прислать заново' };
  const result = await ingestMail(ctx, {
    message,
    actor: { kind: 'mailbox' },
    ignore: typeof envelopeTo === 'string' ? [envelopeTo.toLowerCase()] : [],
  });
  return { outcome: result.outcome, ...(result.reason ? { reason: result.reason } : {}) };
}

/** The inbox source of mail (the Email Worker and the extension's «log this mail»). */
export const MAIL_INBOX_SOURCE = 'mail';

export const replayMailPayload = (ctx: Parameters<typeof ingestMail>[0], payload: StoredPayload): Promise<ReplayResult> =>
  replayMail(ctx, payload.body);
