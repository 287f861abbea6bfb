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

/** Turns a non-2xx answer into an ApiError (schema/contracts/api-error.ts reads it, as pages and widgets do). */
export function errorFromResponse(status: number, bodyText: string): ApiError {
  const read = readApiError(status, bodyText);
  return new ApiError(status, read.code, read.message, read.requestId);
}
