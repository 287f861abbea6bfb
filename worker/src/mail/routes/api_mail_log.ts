import { MailLogResult } from '../../../../schema/contracts/mail';
import { defineRoute } from '../../platform/route';
import { logMail } from '../log';

/**
 * The body (MailLogRequest, docs/mail.md) is read by the service rather than declared here, so that
 * a body the route would refuse is still kept in the inbox with its reason.
 */
export default defineRoute({
  method: 'post',
  path: '/api/mail/log',
  tag: 'mail',
  summary:
    'Записать письмо из веб-почты (расширение), идемпотентно по Message-ID; тело — MailLogRequest / Log a webmail message, idempotent by Message-ID',
  access: ['session', 'extension'],
  idempotent: true,
  response: MailLogResult,
  handler: ({ ctx, c, rawBody }) => logMail({ ctx, input: { rawBody, headers: c.req.raw.headers, path: c.req.path } }),
});
