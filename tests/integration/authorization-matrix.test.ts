import { createApp } from '../../worker/src/app';
import { asPrincipal, obtainCredentials, type Credentials } from '../helpers/principals';
import { startWorker, type TestWorker } from '../helpers/worker';
import { seedWorld } from '../helpers/world';
import { ALL, SESSIONS, allRows, type Row } from '../matrix';

/**
 * Every registered route × every kind of caller, on real requests. A route added to the app
 * without a row here fails the first test. "Allowed" means 2xx (or a redirect that is not to
 * the sign-in page); "denied" means 401/403/404 or a redirect to sign-in.
 */
const rows: Row[] = allRows;

const SELF_REVOKING = ['POST /api/auth/sign-out', 'DELETE /api/auth/token'];

let w: TestWorker;
let creds: Credentials;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  creds = await obtainCredentials(w);
});
afterAll(() => w?.dispose());

test('every route registered in the app has a row in the matrix', () => {
  const registered = new Set(
    createApp()
      .routes.filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path}`),
  );
  const covered = new Set(rows.map((r) => r.route));
  expect([...registered].filter((r) => !covered.has(r)).sort()).toEqual([]);
  expect([...covered].filter((r) => !registered.has(r)).sort()).toEqual([]);
});

function isAllowed(res: Response): boolean {
  if (res.status >= 200 && res.status < 300) return true;
  if (res.status >= 300 && res.status < 400) return !(res.headers.get('location') ?? '').startsWith('/sign-in');
  return false;
}

describe.each(rows)('$route — $name', (row) => {
  test.each(ALL.map((p) => [p]))('%s', async (who) => {
    const path = typeof row.path === 'string' ? row.path : await row.path({ w, creds });
    const useCreds = SELF_REVOKING.includes(row.route) ? await obtainCredentials(w) : creds;
    const body = typeof row.body === 'function' ? await row.body({ w, creds }) : row.body;
    const [url, init] = await asPrincipal(who, useCreds, path, {
      method: row.method ?? 'GET',
      ...(body !== undefined ? { body } : {}),
      ...(row.machine ? { machine: row.machine } : {}),
    });
    const res = await w.fetch(url, init);
    const expected = row.allowed.includes(who);
    expect({ who, status: res.status, allowed: isAllowed(res) }).toEqual({ who, status: res.status, allowed: expected });
    if (!expected) {
      if (res.status >= 300 && res.status < 400) {
        expect(res.headers.get('location')).toMatch(/^\/sign-in/);
      } else {
        expect([401, 403, 404]).toContain(res.status);
        const body = (await res.json()) as { error: { code: string; message: string; requestId: string } };
        expect(body.error.requestId).toBeTruthy();
        if (who === 'anonymous') expect(res.status).toBe(401);
      }
    }
  });
});
