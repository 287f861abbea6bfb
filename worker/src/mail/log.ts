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

function readBody(raw: string, lang: ServiceContext['lang']): z.output<typeof MailLogRequest> {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('bad_request', { ru: 'Тело запроса — не JSON', en: 'The request body is not valid JSON' });
  }
  return parseInput(MailLogRequest, json, lang, 'body');
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
    body = readBody(input.rawBody, ctx.lang);
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
