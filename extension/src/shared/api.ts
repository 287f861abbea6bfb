import { ApiError, errorFromResponse } from './api-error';

export interface ApiCall {
  serverUrl: string;
  path: string;
  method?: 'GET' | 'POST' | 'DELETE';
  /** Personal API token (vka_…), sent as a bearer token. */
  token?: string;
  body?: unknown;
  timeoutMs?: number;
  /** Extra request headers (Idempotency-Key). */
  headers?: Record<string, string>;
}

/** One JSON request to the Voronka server; resolves with the parsed body or throws ApiError. */
export async function callApi<T>({
  serverUrl,
  path,
  method = 'GET',
  token,
  body,
  timeoutMs = 15_000,
  headers: extra = {},
}: ApiCall): Promise<T> {
  const headers: Record<string, string> = { ...extra, accept: 'application/json', 'accept-language': 'ru' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(new URL(path, serverUrl), {
      // The token is the only credential: no cookies of the server's origin ride along.
      method,
      headers,
      credentials: 'omit',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (err) {
    if ((err as Error).name === 'TimeoutError')
      throw new ApiError(0, 'timeout', `Сервер ${serverUrl} не ответил за ${Math.round(timeoutMs / 1000)} с`);
    throw new ApiError(0, 'network', `Нет связи с сервером ${serverUrl}`);
  }
  const text = await response.text();
  if (!response.ok) throw errorFromResponse(response.status, text);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ApiError(response.status, 'bad_response', 'Сервер прислал не JSON — проверьте адрес сервера');
  }
}
