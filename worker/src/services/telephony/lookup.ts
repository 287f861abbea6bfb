import { normalizePhone } from '../../../../schema/domain/contact-points';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../lib/route';
import { lookupCaller } from '../../telephony/lookup';

export async function lookupCallerByPhone({ ctx, input }: { ctx: ServiceContext; input: { phone: string } }) {
  if (ctx.principal.kind === 'anonymous') throw new AppError('unauthorized');
  const phone = normalizePhone(input.phone);
  if (!phone) throw new AppError('validation_failed', undefined, [{ field: 'query.phone', message: ctx.lang === 'ru' ? `Не похоже на телефон: «${input.phone}»` : `Not a phone number: "${input.phone}"` }]);
  return lookupCaller(ctx.db, ctx.principal, phone.e164);
}
