import type { z } from 'zod';
import type { ErrorBody } from './common';

type ServerError = z.infer<typeof ErrorBody>['error'];

/** What a failed answer says, read the same way by the extension, the web pages and the widgets. */
export interface ApiErrorText {
  status: number;
  /** The server's code; an idempotency refusal's own reason (they share 409 with real conflicts); `http_<status>` without a body. */
  code: string;
  /** The server's (Russian) message with the fields it names appended, so the user sees what to fix. */
  message: string;
  requestId?: string;
}

/** The server's `{ error }` in a parsed body, or null for anything else (a proxy page, an empty body). */
function serverError(body: unknown): ServerError | null {
  const error = (body as { error?: ServerError } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string' ? error : null;
}

/** The words for the user from a parsed body: the server's (Russian) message with the fields it names, or the status. */
export function apiErrorMessage(status: number, body: unknown): string {
  const error = serverError(body);
  if (!error) return `Сервер ответил кодом ${status}`;
  const named = error.fields?.map((f) => `${f.field} — ${f.message}`).join('; ');
  return named ? `${error.message}: ${named}` : error.message;
}

/** A non-2xx answer's body text as code, words and request id. */
export function readApiError(status: number, bodyText: string): ApiErrorText {
  let body: unknown = null;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // a proxy page or an empty body: the status speaks
  }
  const error = serverError(body);
  const message = apiErrorMessage(status, body);
  if (!error) return { status, code: `http_${status}`, message };
  const reason = (error as { details?: { reason?: unknown } }).details?.reason;
  const code = typeof reason === 'string' && reason.startsWith('idempotency_') ? reason : error.code;
  return { status, code, message, ...(typeof error.requestId === 'string' ? { requestId: error.requestId } : {}) };
}
