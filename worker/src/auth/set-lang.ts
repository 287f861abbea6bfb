import { eq } from 'drizzle-orm';
import { users } from '../../../schema/db';
import { requireWriter } from '../access';
import { auditInsert } from '../audit';
import type { Lang } from '../platform/i18n';
import type { ServiceContext } from '../platform/route';

/**
 * The signed-in user picks his interface language (the menu's «English/Русский»): it is kept on his
 * row, so another browser shows it too; the change and the old value are audited in the same batch.
 */
export async function setOwnLang({ ctx, input }: { ctx: ServiceContext; input: { lang: Lang } }) {
  const p = requireWriter(ctx.principal);
  const current = p.user.lang;
  if (current === input.lang) return { lang: input.lang, changed: false };
  await ctx.db.batch([
    ctx.db.update(users).set({ lang: input.lang }).where(eq(users.id, p.user.id)),
    auditInsert(ctx, {
      action: 'change',
      entity: 'user',
      entityId: p.user.id,
      details: { op: 'lang', changes: { lang: { from: current, to: input.lang } } },
    }),
  ]);
  return { lang: input.lang, changed: true };
}
