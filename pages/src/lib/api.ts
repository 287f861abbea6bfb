import { apiErrorMessage } from '../../../schema/contracts/api-error';

/** A failed API call with the server's Russian message (and the fields it names), ready to show. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }

  /** Worth trying again: no connection, or the server or its database was briefly unavailable. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** JSON in, JSON out, with the session cookie of the page; Russian messages whatever the browser's language (English when the page is in English). */
export async function api<T>(path: string, init: { method?: string; body?: unknown; lang?: 'ru' | 'en' } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      headers: {
        accept: 'application/json',
        'accept-language': init.lang ?? 'ru',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch {
    throw new ApiError('Нет связи с сервером', 0);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(apiErrorMessage(response.status, body), response.status);
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
