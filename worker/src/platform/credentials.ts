import { sql } from 'drizzle-orm';
import type { Db } from './db';
import type { UserScope } from './principal';
import { fromBase64Url, hmac, randomToken, safeEqual, sha256Hex, toBase64Url } from './crypto';

export const SESSION_COOKIE = 'vk_session';
export const API_TOKEN_PREFIX = 'vka_';
export const EMBED_TOKEN_PREFIX = 'vke_';

interface CredentialRow {
  credential_id: number;
  expires_at: number | null;
  revoked_at: number | null;
  id: number;
  name: string;
  email: string;
  role: UserScope['role'];
  lang: UserScope['lang'];
  time_zone: string;
  active: number;
  region_ids: string | null;
}

/**
 * Looks a hashed secret up in sessions or tokens together with its user and regions, in one
 * query. Returns null for unknown, revoked, expired secrets and inactive users alike.
 */
export async function findCredentialUser(
  db: Db,
  table: 'sessions' | 'tokens',
  tokenHash: string,
  now: number,
  tokenKind?: 'api' | 'embed',
): Promise<{ credentialId: number; user: UserScope } | null> {
  const kindFilter = tokenKind ? sql` AND c.kind = ${tokenKind}` : sql``;
  const row = await db.get<CredentialRow | undefined>(sql`
    SELECT c.id AS credential_id, c.expires_at, c.revoked_at, u.id, u.name, u.email, u.role, u.lang, u.time_zone, u.active,
           (SELECT group_concat(region_id) FROM user_regions WHERE user_id = u.id) AS region_ids
    FROM ${sql.identifier(table)} c JOIN users u ON u.id = c.user_id
    WHERE c.token_hash = ${tokenHash}${kindFilter}`);
  if (!row || row.revoked_at !== null || !row.active) return null;
  if (row.expires_at !== null && row.expires_at <= now) return null;
  return {
    credentialId: row.credential_id,
    user: {
      id: row.id,
      name: row.name,
      email: row.email,
      role: row.role,
      regionIds: row.region_ids ? row.region_ids.split(',').map(Number) : [],
      lang: row.lang,
      timeZone: row.time_zone,
    },
  };
}

export function newSecret(prefix: string): string {
  return prefix + randomToken(32);
}

export const hashSecret = sha256Hex;

/** Embed token: vke_<nonce>.<signature>; the HMAC lets a forged token be refused before any lookup. */
export async function signEmbedToken(secret: string): Promise<string> {
  const nonce = randomToken(24);
  const signature = toBase64Url(await hmac('SHA-256', secret, nonce));
  return `${EMBED_TOKEN_PREFIX}${nonce}.${signature}`;
}

export async function embedSignatureValid(secret: string, token: string): Promise<boolean> {
  if (!token.startsWith(EMBED_TOKEN_PREFIX)) return false;
  const [nonce, signature] = token.slice(EMBED_TOKEN_PREFIX.length).split('.');
  if (!nonce || !signature) return false;
  try {
    fromBase64Url(signature);
  } catch {
    return false;
  }
  return safeEqual(toBase64Url(await hmac('SHA-256', secret, nonce)), signature);
}
