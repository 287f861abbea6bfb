import { getCookie } from 'hono/cookie';
import type { Context } from 'hono';
import type { Principal } from './principal';
import type { Config } from './config';
import type { Db } from './db';
import { API_TOKEN_PREFIX, EMBED_TOKEN_PREFIX, SESSION_COOKIE, embedSignatureValid, findCredentialUser, hashSecret } from './credentials';

export type Access = 'public' | 'session' | 'extension' | 'widget' | 'machine';

/**
 * Resolves the caller of a user-facing route from the credentials this route accepts. An explicit
 * token (extension bearer, widget ?t= / X-Embed-Token) wins over the ambient session cookie, so a
 * widget shows its token's user even in a browser where someone else is signed in.
 * Machine callers are verified by each hook's own signature scheme (see lib/route.ts).
 */
export async function authenticateUser(c: Context, access: readonly Access[], db: Db, config: Config, now: number): Promise<Principal> {
  if (access.includes('extension')) {
    const header = c.req.header('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice(7).trim() : '';
    if (token.startsWith(API_TOKEN_PREFIX)) {
      const found = await findCredentialUser(db, 'tokens', await hashSecret(token), now, 'api');
      // A presented but dead token is a refusal, never a fall-back to the cookie.
      return found ? { kind: 'user', via: 'extension', ...found } : { kind: 'anonymous' };
    }
  }
  if (access.includes('widget') && config.embedTokenSecret) {
    const token = c.req.query('t') ?? c.req.header('x-embed-token') ?? '';
    if (token.startsWith(EMBED_TOKEN_PREFIX)) {
      if (!(await embedSignatureValid(config.embedTokenSecret, token))) return { kind: 'anonymous' };
      const found = await findCredentialUser(db, 'tokens', await hashSecret(token), now, 'embed');
      return found ? { kind: 'user', via: 'widget', ...found } : { kind: 'anonymous' };
    }
  }
  if (access.includes('session')) {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const found = await findCredentialUser(db, 'sessions', await hashSecret(cookie), now);
      if (found) return { kind: 'user', via: 'session', ...found };
    }
  }
  return { kind: 'anonymous' };
}
