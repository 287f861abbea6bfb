import { normalizePhone } from '../../../schema/domain/contact-points';
import type { Db } from '../platform/db';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { callerCard, callerRows, type CallerRow } from './lookup';

type Prefetched = { phone: string; row: CallerRow | undefined } | undefined;

/** The caller row of a number as typed, read before the caller is known (see RouteSpec.prefetch). */
export async function prefetchCaller({ db, query }: { db: Db; query: { phone: string } }): Promise<Prefetched> {
  const phone = normalizePhone(query.phone)?.e164;
  return phone ? { phone, row: (await callerRows(db, [phone])).get(phone) } : undefined;
}

export async function lookupCallerByPhone({
  ctx,
  input,
  prefetched,
}: {
  ctx: ServiceContext;
  input: { phone: string };
  prefetched?: Promise<unknown>;
}) {
  if (ctx.principal.kind === 'anonymous') throw new AppError('unauthorized');
  const phone = normalizePhone(input.phone);
  if (!phone)
    throw new AppError('validation_failed', undefined, [
      {
        field: 'query.phone',
        message: ctx.lang === 'ru' ? `Не похоже на телефон: «${input.phone}»` : `Not a phone number: "${input.phone}"`,
      },
    ]);
  const early = (await prefetched) as Prefetched;
  const row = early?.phone === phone.e164 ? early.row : (await callerRows(ctx.db, [phone.e164])).get(phone.e164);
  return callerCard(ctx.principal, phone.e164, row);
}
