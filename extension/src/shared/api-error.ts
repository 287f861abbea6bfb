import { readApiError } from '../../../schema/contracts/api-error';
import type { Problem } from './messages';

/** A failed call: the server's `{ error: { code, message } }` when it sent one, else our own words. */
export class ApiError extends Error implements Problem {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
  ) {
    super(message);
  }

  toProblem(): Problem {
    return { code: this.code, message: this.message };
  }
}

/**
 * What a bare status means to the user, when no JSON error came with it (a proxy's or the platform's
 * own page, an empty body): a reason and what to do, never just a number.
 */
export function statusReason(status: number): string {
  if (status === 502 || status === 503 || status === 504) return `Сервер временно недоступен (${status}), повторите позже`;
  if (status >= 500) return `Ошибка на сервере (${status}), повторите позже`;
  if (status === 401 || status === 403) return `Нет доступа (${status}): войдите заново в настройках расширения`;
  if (status === 404) return 'Сервер не знает этот запрос (404): проверьте адрес сервера в настройках расширения';
  if (status === 408) return 'Сервер не дождался запроса (408), повторите';
  if (status === 413) return 'Слишком большой запрос (413)';
  if (status === 429) return 'Слишком много запросов (429), повторите через минуту';
  return `Сервер отклонил запрос (${status})`;
}

/** Turns a non-2xx answer into an ApiError (schema/contracts/api-error.ts reads it, as pages and widgets do). */
export function errorFromResponse(status: number, bodyText: string): ApiError {
  const read = readApiError(status, bodyText);
  // No server error in the body: readApiError's code is `http_<status>`, its words only the number.
  const message = read.code === `http_${status}` ? statusReason(status) : read.message;
  return new ApiError(status, read.code, message, read.requestId);
}
