import { apiErrorMessage } from '../../../schema/contracts/api-error';
import type { WidgetConfig } from './config';

export type WidgetProblem = { kind: 'missing-token' } | { kind: 'revoked' } | { kind: 'offline' } | { kind: 'server'; message: string };

export type FetchResult<T> = { ok: true; data: T } | { ok: false; problem: WidgetProblem };

/** One GET of a widget endpoint with the embed token; never throws, every failure is a problem kind. */
export async function fetchWidgetData<T>(config: WidgetConfig, path: string): Promise<FetchResult<T>> {
  if (!config.token) return { ok: false, problem: { kind: 'missing-token' } };
  const url = new URL(path, config.apiBase);
  url.searchParams.set('t', config.token);
  let response: Response;
  try {
    // No cookies: a signed-in session would otherwise answer for a revoked token, and as another user.
    // (Asserted because unit tests type-check this file against workers-types, whose RequestInit lacks these.)
    response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store' } as RequestInit);
  } catch {
    return { ok: false, problem: { kind: 'offline' } };
  }
  if (response.status === 401) return { ok: false, problem: { kind: 'revoked' } };
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Handled below as a server problem.
  }
  if (!response.ok || body === null) return { ok: false, problem: { kind: 'server', message: apiErrorMessage(response.status, body) } };
  return { ok: true, data: body as T };
}
