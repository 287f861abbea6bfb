import { z } from 'zod';
import { MailLogRequest, MailLogResult } from '../../../schema/contracts/mail';
import { requireWriter } from '../access';
import { ingestMail } from './ingest';
import { messageFromFields } from './parse';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { parseInput } from '../platform/validation';
import { recordInbox } from '../platform/inbox';

const KEPT_BODY_MAX = 256 * 1024;

/** A clock a few minutes ahead of ours is normal; a mail dated later than this was misread. */
const DATE_AHEAD_MAX_MS = 10 * 60_000;
/** Older than this is a misread date (a year typed as 1926, a 0 timestamp), never a mail to log. */
const DATE_AGE_MAX_MS = 20 * 365 * 86_400_000;

/**
 * The extension sends the mail's own date as the page shows it (older extensions: the time of the
 * click). The event is filed at that date, so a date far in the future or absurdly old is refused
 * as a misreading rather than stored where no one would find it.
 */
function checkDate(date: string | number | undefined, now: number, lang: ServiceContext['lang']): void {
  if (date === undefined) return; // filed at receipt
  // Not parseDate: it reads a date before 1970 as none, and such a date is a misreading to refuse.
  const ms = typeof date === 'number' ? date : Date.parse(date);
  if (!Number.isFinite(ms)) return; // the contract already refused unreadable text
  const bad =
    ms > now + DATE_AHEAD_MAX_MS
      ? { ru: 'Дата письма в будущем', en: 'The mail is dated in the future' }
      : ms < now - DATE_AGE_MAX_MS
        ? { ru: 'Дата письма старше 20 лет', en: 'The mail is dated more than 20 years ago' }
        : null;
  if (bad) throw new AppError('validation_failed', undefined, [{ field: 'body.date', message: bad[lang] }]);
}

function readBody(raw: string, ctx: ServiceContext): z.output<typeof MailLogRequest> {
  const { lang } = ctx;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('bad_request', { ru: 'Тело запроса — не JSON', en: 'The request body is not valid JSON' });
  }
  const body = parseInput(MailLogRequest, json, lang, 'body');
  checkDate(body.date, ctx.now, lang);
  return body;
}

/**
 * "Log this mail" from the extension: the same filing as the Email Worker, within the caller's
 * scope, idempotent by Message-ID. The body is kept in the inbox whatever became of it — a
 * refused one too, with the fields that were wrong — since a webmail page the extension misreads
 * is a mail channel losing mail; only an unauthenticated caller's body is not kept.
 */
export async function logMail({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { rawBody: string; headers: Headers; path: string };
}): Promise<z.input<typeof MailLogResult>> {
  const p = requireWriter(ctx.principal);
  const keep = (outcome: 'stored' | 'duplicate' | 'rejected', reason: string | null, externalId: string | null) =>
    recordInbox({
      db: ctx.db,
      now: ctx.now,
      entry: {
        source: 'mail',
        externalId,
        method: 'POST',
        path: input.path,
        headers: input.headers,
        outcome,
        body: input.rawBody.length > KEPT_BODY_MAX ? `${input.rawBody.slice(0, KEPT_BODY_MAX)}…` : input.rawBody,
        reason:
          input.rawBody.length > KEPT_BODY_MAX
            ? `${reason ?? ''} (тело обрезано до ${KEPT_BODY_MAX} символов из ${input.rawBody.length})`.trim()
            : reason,
      },
    });
  let body: z.output<typeof MailLogRequest>;
  try {
    body = readBody(input.rawBody, ctx);
  } catch (err) {
    if (err instanceof AppError) {
      const reason = err.fields?.map((f) => `${f.field}: ${f.message}`).join('; ') || err.message;
      await keep('rejected', `${p.user.email}: ${reason}`.slice(0, 4000), null);
    }
    throw err;
  }
  const message = messageFromFields(body);
  const result = await ingestMail(ctx, { message, actor: { kind: 'user', principal: p } });
  await keep(result.outcome, result.reason, message.messageId);
  return {
    messageId: result.messageId,
    threadId: result.threadId,
    direction: result.direction,
    duplicate: result.outcome === 'duplicate',
    leadCreated: result.companies.some((c) => c.createdProspect),
    companies: result.companies.map((c) => ({
      companyId: c.companyId,
      eventId: c.eventId,
      leadId: c.leadId,
      duplicate: c.duplicate,
      movedTo: c.movedTo,
      createdProspect: c.createdProspect,
      addedContact: c.addedContact,
    })),
    skipped: result.skipped,
    reason: result.reason,
  };
}
