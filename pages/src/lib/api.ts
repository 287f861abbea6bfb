import { apiErrorMessage } from '../../../schema/contracts/api-error';

/** The page's language (`<html lang>`); lib/lang.ts imports this module, so it is read here too. */
const pageLanguage = (): 'ru' | 'en' => (typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'ru');

/** A failed API call with the server's Russian message (and the fields it names), ready to show. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The server's `error.details` (a 409's `collisions`, naming the holder). */
    readonly details?: Record<string, unknown>,
    /** The fields a 400 names (`body.inn`, …), to show each message next to its field. */
    readonly fields: { field: string; message: string }[] = [],
  ) {
    super(message);
  }

  /** Worth trying again: no connection, or the server or its database was briefly unavailable. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/**
 * JSON in, JSON out, with the session cookie of the page; the server's messages in the page's language
 * (`<html lang>`, the signed-in user's setting) whatever the browser's Accept-Language.
 */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; lang?: 'ru' | 'en'; idempotencyKey?: string } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        'accept-language': init.lang ?? pageLanguage(),
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.idempotencyKey ? { 'idempotency-key': init.idempotencyKey } : {}),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError(pageLanguage() === 'en' ? 'No connection to the server' : 'Нет связи с сервером', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (body as { error?: { details?: Record<string, unknown>; fields?: { field: string; message: string }[] } } | null)?.error;
    throw new ApiError(apiErrorMessage(response.status, body), response.status, error?.details, error?.fields ?? []);
  }
  return body as T;
}

/** Retries a call that failed for a transient reason, waiting 1 s, then 3 s. */
export async function withRetry<T>(call: () => Promise<T>, waits = [1000, 3000]): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const wait = waits[attempt];
      if (!(err instanceof ApiError) || !err.transient || wait === undefined) throw err;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
