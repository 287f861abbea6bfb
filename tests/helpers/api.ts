import type { TestWorker } from './worker';
import { sessionCookie, type UserKey } from './world';

/** JSON calls as a signed-in world user: `as('managerA').post('/api/companies', {...})`. */
export function apiAs(w: TestWorker, who: UserKey) {
  let cookie: Promise<string> | undefined;
  const call = async (method: string, path: string, body?: unknown) => {
    cookie ??= sessionCookie(w, who);
    const res = await w.fetch(path, {
      method,
      headers: { cookie: await cookie, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body?: unknown) => call('POST', path, body ?? {}),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    del: (path: string) => call('DELETE', path),
  };
}

export async function count(w: TestWorker, sql: string, ...args: unknown[]): Promise<number> {
  const row = await w.db
    .prepare(sql)
    .bind(...args)
    .first<{ n: number }>();
  return Number(row?.n ?? 0);
}
