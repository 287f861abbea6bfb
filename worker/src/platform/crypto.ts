/** WebCrypto helpers shared by sessions, tokens, passwords and webhook signatures. */
const encoder = new TextEncoder();

export const PBKDF2_ITERATIONS = 100_000; // the Workers runtime refuses more

export function toBase64(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of view) s += String.fromCharCode(b);
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export function toBase64Url(bytes: ArrayBuffer | Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return fromBase64(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return Array.from(view, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

// Imported HMAC keys by secret: the same few secrets (webhooks, embed tokens) sign every request.
const hmacKeys = new Map<string, Promise<CryptoKey>>();

export async function hmac(
  algorithm: 'SHA-256' | 'SHA-1',
  secret: string | Uint8Array,
  message: string | Uint8Array,
): Promise<ArrayBuffer> {
  const id = `${algorithm}:${typeof secret === 'string' ? `s:${secret}` : `b:${toHex(secret)}`}`;
  let key = hmacKeys.get(id);
  if (!key) {
    const keyBytes = typeof secret === 'string' ? encoder.encode(secret) : secret;
    key = crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: algorithm }, false, ['sign']);
    if (hmacKeys.size >= 64) hmacKeys.clear();
    hmacKeys.set(id, key);
    key.catch(() => hmacKeys.delete(id));
  }
  return crypto.subtle.sign('HMAC', await key, typeof message === 'string' ? encoder.encode(message) : message);
}

/** `prefix` as UTF-8 followed by `bytes`: what a signature over "<id>.<timestamp>.<raw body>" covers. */
export function prefixed(prefix: string, bytes: Uint8Array): Uint8Array {
  const head = encoder.encode(prefix);
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head);
  out.set(bytes, head.length);
  return out;
}

/** Constant-time comparison of two strings of any length. */
export function safeEqual(a: string, b: string): boolean {
  const x = encoder.encode(a);
  const y = encoder.encode(b);
  let diff = x.length ^ y.length;
  for (let i = 0; i < Math.max(x.length, y.length); i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0);
  return diff === 0;
}

async function pbkdf2(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

/** A new password hash in the format scripts/lib/password.ts writes (the admin's «Добавить пользователя»). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  return `pbkdf2$sha256$${PBKDF2_ITERATIONS}$${toBase64(salt)}$${toBase64(await pbkdf2(password, salt, PBKDF2_ITERATIONS))}`;
}

/** Verifies a stored pbkdf2$sha256$<iterations>$<salt b64>$<hash b64>, as scripts/lib/password.ts and hashPassword write it. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, digest, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2' || digest !== 'sha256' || !iterations || !salt || !hash) return false;
  const actual = await pbkdf2(password, fromBase64(salt), Number(iterations));
  return safeEqual(toBase64(actual), hash);
}
