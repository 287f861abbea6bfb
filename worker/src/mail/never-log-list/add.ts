import { mailNeverLog } from '../../../../schema/db';
import { requireRole } from '../../access';
import { normalizeNeverLogPattern } from '../never-log';
import { AppError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';

/** Adds (or re-notes) an address or `@domain` whose mail is never logged from now on. */
export async function addNeverLog({ ctx, input }: { ctx: ServiceContext; input: { pattern: string; note?: string | undefined } }) {
  requireRole(ctx.principal, 'admin');
  const pattern = normalizeNeverLogPattern(input.pattern);
  if (!pattern) {
    throw new AppError('validation_failed', undefined, [
      {
        field: 'body.pattern',
        message:
          ctx.lang === 'ru'
            ? 'Нужен адрес (news@bank.ru) или домен с @ впереди (@bank.ru)'
            : 'An address (news@bank.ru) or a domain with a leading @ (@bank.ru)',
      },
    ]);
  }
  const note = input.note || null;
  await ctx.db.batch([
    ctx.db.insert(mailNeverLog).values({ pattern, note }).onConflictDoUpdate({ target: mailNeverLog.pattern, set: { note } }),
    auditInsert(ctx, { action: 'change', entity: 'mail_never_log', entityId: pattern, details: { op: 'add', note } }),
  ]);
  return { pattern, note };
}
