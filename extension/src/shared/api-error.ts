import type { z } from 'zod';
import type { ErrorBody } from '../../../schema/contracts';
import type { Problem } from './messages';

type ServerError = z.infer<typeof ErrorBody>['error'];

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

function isServerError(value: unknown): value is { error: ServerError } {
  const error = (value as { error?: Partial<ServerError> } | null)?.error;
  return typeof error === 'object' && error !== null && typeof error.code === 'string' && typeof error.message === 'string';
}

/** Turns a non-2xx answer into an ApiError; field messages are appended so the user sees what to fix. */
export function errorFromResponse(status: number, bodyText: string): ApiError {
  let body: unknown = null;
  try {
    body = JSON.parse(bodyText);
  } catch {
    // A proxy page or an empty body: fall through to the generic message.
  }
  if (isServerError(body)) {
    const { message, requestId, fields } = body.error;
    // The idempotency refusals share 409 with real conflicts; the queue must tell them apart.
    const reason = (body.error as { details?: { reason?: unknown } }).details?.reason;
    const code = typeof reason === 'string' && reason.startsWith('idempotency_') ? reason : body.error.code;
    const details = Array.isArray(fields) && fields.length ? `: ${fields.map((f) => `${f.field} — ${f.message}`).join('; ')}` : '';
    return new ApiError(status, code, message + details, typeof requestId === 'string' ? requestId : undefined);
  }
  return new ApiError(status, `http_${status}`, `Сервер ответил кодом ${status}`);
}
