import { tokens, type TokenKind } from '../../../../schema/db';
import type { TokenView } from '../../../../schema/contracts';
import { requireWriter } from '../../access';
import { API_TOKEN_PREFIX, hashSecret, newSecret, signEmbedToken } from '../../platform/credentials';
import { AppError } from '../../platform/errors';
import type { ServiceContext } from '../../platform/route';
import { auditInsert } from '../../audit';

export const tokenColumns = {
  id: tokens.id,
  kind: tokens.kind,
  name: tokens.name,
  prefix: tokens.prefix,
  createdAt: tokens.createdAt,
  expiresAt: tokens.expiresAt,
  lastUsedAt: tokens.lastUsedAt,
  revokedAt: tokens.revokedAt,
};

async function mintSecret(ctx: ServiceContext, kind: TokenKind): Promise<string> {
  if (kind === 'api') return newSecret(API_TOKEN_PREFIX);
  if (!ctx.config.embedTokenSecret) {
    throw new AppError('unavailable', {
      ru: 'Виджеты не настроены: не задан EMBED_TOKEN_SECRET',
      en: 'Widgets are not configured: EMBED_TOKEN_SECRET is not set',
    });
  }
  return signEmbedToken(ctx.config.embedTokenSecret);
}

/** Issues a token for a user; the secret is shown once, only its hash is kept. */
export async function issueToken(
  ctx: ServiceContext,
  userId: number,
  input: { kind: TokenKind; name: string; expiresInDays?: number | undefined },
) {
  const secret = await mintSecret(ctx, input.kind);
  const expiresAt = input.expiresInDays ? ctx.now + input.expiresInDays * 86_400_000 : null;
  const [inserted] = await ctx.db.batch([
    ctx.db
      .insert(tokens)
      .values({
        userId,
        kind: input.kind,
        name: input.name,
        tokenHash: await hashSecret(secret),
        prefix: secret.slice(0, 10),
        createdAt: ctx.now,
        expiresAt,
      })
      .returning(tokenColumns),
    auditInsert(ctx, { action: 'token_create', entity: 'token', details: { kind: input.kind, name: input.name } }, userId),
  ]);
  return { token: inserted[0] as TokenView, secret };
}

export async function createToken({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { kind: TokenKind; name: string; expiresInDays?: number | undefined };
}) {
  const p = requireWriter(ctx.principal);
  return issueToken(ctx, p.user.id, input);
}
