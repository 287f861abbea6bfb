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

function isServerError(value: unknown): value is { error: ServerError } {
  const error = (value as { error?: Partial<ServerError> } | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

/** A non-2xx answer (its status and body text, or the parsed body) as words for the user. */
export function readApiError(status: number, body: string | unknown): ApiErrorText {
  let parsed: unknown = body;
  if (typeof body === 'string') {
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = null; // a proxy page or an empty body
    }
  }
  if (!isServerError(parsed)) return { status, code: `http_${status}`, message: `Сервер ответил кодом ${status}` };
  const { message, requestId, fields } = parsed.error;
  const reason = (parsed.error as { details?: { reason?: unknown } }).details?.reason;
  const code = typeof reason === 'string' && reason.startsWith('idempotency_') ? reason : parsed.error.code;
  const named = Array.isArray(fields) && fields.length ? `: ${fields.map((f) => `${f.field} — ${f.message}`).join('; ')}` : '';
  return { status, code, message: message + named, ...(typeof requestId === 'string' ? { requestId } : {}) };
}
