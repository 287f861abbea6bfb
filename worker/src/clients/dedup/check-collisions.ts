import type { Collision } from '../../../../schema/contracts';
import { normalizeEmail, normalizePhone } from '../../../../schema/domain/contact-points';
import { parseInnKpp, parseKpp } from '../../../../schema/domain/inn';
import { requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { findCollisions } from './find-collisions';

/**
 * "Is this ИНН / phone / e-mail already someone's client?" — open to every signed-in user; the
 * answer is minimal (exists, owner's name, region) unless the caller may open the card anyway.
 */
export async function checkCollisions({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { inn?: string | undefined; kpp?: string | undefined; phone?: string | undefined; email?: string | undefined };
}): Promise<{ matches: Collision[] }> {
  const p = requireUser(ctx.principal);
  const written = input.inn ? parseInnKpp(input.inn) : { inn: null, kpp: null };
  const inn = written.inn;
  const kpp = (input.kpp ? parseKpp(input.kpp) : null) ?? written.kpp;
  const phone = input.phone ? normalizePhone(input.phone) : null;
  const email = input.email ? normalizeEmail(input.email) : null;
  if (!inn && !phone && !email) return { matches: [] };
  const matches = await findCollisions(ctx.db, p, {
    inn,
    kpp: kpp ?? undefined,
    phones: phone ? [phone.e164] : [],
    emails: email ? [email] : [],
  });
  return { matches };
}
