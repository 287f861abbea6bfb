/**
 * How a failed status check reads to the user. 401: the server refused the token — signed out, the
 * token is dropped. No answer (status 0: refused connection, DNS, timeout) or a 5xx (the server or a
 * proxy in front of it failed): the server is unreachable — the token is kept and the user is still
 * signed in, so the pages show «Сервер недоступен» with «Повторить», not the sign-in form.
 * Anything else (403, 404 from a wrong address…) is a refusal shown with the server's reason.
 */
export type StatusFailure = 'signed-out' | 'unreachable' | 'refused';

export function statusFailure(httpStatus: number): StatusFailure {
  if (httpStatus === 401) return 'signed-out';
  if (httpStatus === 0 || httpStatus >= 500) return 'unreachable';
  return 'refused';
}
