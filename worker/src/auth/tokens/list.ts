import { and, desc, eq } from 'drizzle-orm';
import { tokens } from '../../../../schema/db';
import { requireUser } from '../../access';
import type { ServiceContext } from '../../platform/route';
import { tokenColumns } from './create';

/** A user's own tokens, newest first; nobody lists anyone else's. */
export async function listTokens({ ctx, input }: { ctx: ServiceContext; input: { kind?: 'api' | 'embed' | undefined } }) {
  const p = requireUser(ctx.principal);
  const where = input.kind ? and(eq(tokens.userId, p.user.id), eq(tokens.kind, input.kind)) : eq(tokens.userId, p.user.id);
  const items = await ctx.db.select(tokenColumns).from(tokens).where(where).orderBy(desc(tokens.id)).all();
  return { items };
}
