import { z } from 'zod';

export const Role = z.enum(['manager', 'head', 'admin']);

/** The two interface languages (users.lang). */
export const UiLang = z.enum(['ru', 'en']);

export const Me = z
  .object({
    id: z.number().int(),
    name: z.string(),
    email: z.string(),
    role: Role,
    regionIds: z.array(z.number().int()),
    via: z.enum(['session', 'extension', 'widget']),
    /** The interface language, the user's setting (Russian unless he switched). */
    lang: UiLang,
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

/** The user changes his own settings: today the interface language (the menu's «English/Русский»). */
export const MeUpdateRequest = z.object({ lang: UiLang });
export const MeUpdateResult = z.object({ lang: UiLang, changed: z.boolean() });

export const SignInRequest = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

export const SignInResponse = z.object({ user: Me, expiresAt: z.number().int() });

/** The extension signs in with a password once and keeps only the personal API token it gets. */
export const TokenSignInRequest = SignInRequest.extend({
  deviceName: z.string().trim().min(1).max(100).default('Chrome'),
});
export const TokenSignInResponse = z.object({ token: z.string(), user: Me });

export const TokenKind = z.enum(['api', 'embed']);

export const TokenView = z
  .object({
    id: z.number().int(),
    kind: TokenKind,
    name: z.string(),
    prefix: z.string(),
    createdAt: z.number().int(),
    expiresAt: z.number().int().nullable(),
    lastUsedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
  })
  .meta({ id: 'Token' });
export type TokenView = z.infer<typeof TokenView>;

export const CreateTokenRequest = z.object({
  kind: TokenKind,
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const CreatedToken = z.object({ token: TokenView, secret: z.string() });
export const TokenList = z.object({ items: z.array(TokenView) });
