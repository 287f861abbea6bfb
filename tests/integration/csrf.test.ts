import { count } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, createToken, seedWorld, sessionCookie, world } from '../helpers/world';

/**
 * Forged cookie-authenticated writes: what a page of another origin can make a signed-in manager's
 * browser send — an auto-submitted `<form enctype="text/plain">` whose one field spells JSON, a
 * no-cors fetch — is refused before anything is written; our own pages (same origin, JSON) and the
 * token-authenticated extension are not.
 */
let w: TestWorker;
let cookie: string;
let self: string;
const SIBLING = 'http://127.0.0.1:1'; // another port of the same host: another origin, the same site

beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
  cookie = await sessionCookie(w, 'managerA');
  self = w.url.origin;
});
afterAll(() => w?.dispose());

/** The body a text/plain form sends for `<input name='{"name":"…","regionId":1,"x":"' value='"}'>`. */
const formSpelledJson = (fields: Record<string, unknown>) => `${JSON.stringify({ ...fields, x: '' }).slice(0, -2)}="}`;
const companiesNamed = (name: string) => count(w, 'SELECT count(*) AS n FROM companies WHERE name = ?', name);
const apiTokens = () => count(w, "SELECT count(*) AS n FROM tokens WHERE kind = 'api' AND user_id = ?", world.users.managerA.id);

describe('a cookie-authenticated write from another origin', () => {
  test('the text/plain form that spells JSON creates no company (browsers send Origin with it)', async () => {
    const body = formSpelledJson({ name: 'Подделка из формы', regionId: 1 });
    expect(JSON.parse(body)).toMatchObject({ name: 'Подделка из формы' }); // what the parser would have accepted

    const res = await w.fetch('/api/companies', {
      method: 'POST',
      headers: { cookie, origin: SIBLING, 'sec-fetch-site': 'same-site', 'content-type': 'text/plain' },
      body,
    });

    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect(await companiesNamed('Подделка из формы')).toBe(0);
  });

  test('the same form mints no API token', async () => {
    const before = await apiTokens();
    const res = await w.fetch('/api/tokens', {
      method: 'POST',
      headers: { cookie, origin: SIBLING, 'content-type': 'text/plain' },
      body: formSpelledJson({ kind: 'api', name: 'подделка' }),
    });
    expect(res.status).toBe(403);
    expect(await apiTokens()).toBe(before);
  });

  test.each([
    ['another port (same site)', { origin: SIBLING }],
    ['another host name', { origin: 'http://localhost:8787' }],
    ['an opaque origin (sandboxed frame)', { origin: 'null' }],
    ['Sec-Fetch-Site: same-site without Origin', { 'sec-fetch-site': 'same-site' }],
    ['Sec-Fetch-Site: cross-site without Origin', { 'sec-fetch-site': 'cross-site' }],
  ])('even declared as JSON, it is refused from %s', async (_, headers) => {
    const name = `Подделка JSON ${Object.values(headers).join(' ')}`;
    const res = await w.fetch('/api/companies', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ name, regionId: 1 }),
    });
    expect(res.status).toBe(403);
    expect(await companiesNamed(name)).toBe(0);
  });

  test('a bodyless POST, a PUT and a DELETE are refused too: sign-out, token revocation', async () => {
    const own = await sessionCookie(w, 'managerA');
    const { id } = await createToken(w, own, 'api');
    const out = await w.fetch('/api/auth/sign-out', { method: 'POST', headers: { cookie: own, origin: SIBLING } });
    const revoke = await w.fetch(`/api/tokens/${id}`, { method: 'DELETE', headers: { cookie: own, origin: SIBLING } });
    expect([out.status, revoke.status]).toEqual([403, 403]);
    expect((await w.fetch('/api/me', { headers: { cookie: own } })).status).toBe(200);
    expect(await count(w, 'SELECT count(*) AS n FROM tokens WHERE id = ? AND revoked_at IS NULL', id)).toBe(1);
  });

  test('a forged sign-in (the attacker’s account into the victim’s browser) sets no cookie', async () => {
    const res = await w.fetch('/api/auth/sign-in', {
      method: 'POST',
      headers: { origin: SIBLING, 'content-type': 'text/plain' },
      body: formSpelledJson({ email: world.users.managerB.email, password: PASSWORD }),
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('set-cookie')).toBeNull();
  });
});

describe('a cookie-authenticated write must be JSON', () => {
  test.each([
    ['text/plain', { 'content-type': 'text/plain;charset=UTF-8' }],
    ['a urlencoded form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no Content-Type at all', {}],
  ])('a body sent as %s is refused with 415 whatever its origin', async (label, headers) => {
    const name = `Не JSON: ${label}`;
    const res = await w.fetch('/api/companies', {
      method: 'POST',
      headers: { cookie, origin: self, ...headers },
      body: JSON.stringify({ name, regionId: 1 }),
    });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    expect(await companiesNamed(name)).toBe(0);
  });
});

describe('what stays allowed', () => {
  test('our own pages: same Origin and JSON (and Sec-Fetch-Site: same-origin where Origin is absent)', async () => {
    const fromPage = await w.fetch('/api/companies', {
      method: 'POST',
      headers: { cookie, origin: self, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Своя страница', regionId: 1 }),
    });
    const noOrigin = await w.fetch('/api/companies', {
      method: 'POST',
      headers: { cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ name: 'Своя страница без Origin', regionId: 1 }),
    });
    expect([fromPage.status, noOrigin.status]).toEqual([201, 201]);
    expect(await companiesNamed('Своя страница')).toBe(1);
  });

  test('a bodyless POST from our own page (sign-out) works', async () => {
    const own = await sessionCookie(w, 'managerA');
    const out = await w.fetch('/api/auth/sign-out', { method: 'POST', headers: { cookie: own, origin: self } });
    expect(out.status).toBe(200);
    expect((await w.fetch('/api/me', { headers: { cookie: own } })).status).toBe(401);
  });

  test('the extension’s bearer token works from its own origin, as its service worker calls', async () => {
    const res = await w.fetch('/api/auth/token', {
      method: 'POST',
      headers: { origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop', 'content-type': 'application/json' },
      body: JSON.stringify({ email: world.users.managerA.email, password: PASSWORD, deviceName: 'Расширение' }),
    });
    expect(res.status).toBe(201);
    const { token } = (await res.json()) as { token: string };
    const created = await w.fetch('/api/companies', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        origin: 'chrome-extension://abcdefghijklmnopabcdefghijklmnop',
        'content-type': 'application/json',
      },
      body: JSON.stringify({ name: 'Из расширения', regionId: 1 }),
    });
    expect(created.status).toBe(201);
  });

  test('a script or server with the cookie but no browser headers (no Origin, no Sec-Fetch-Site) may write JSON', async () => {
    const res = await w.fetch('/api/companies', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Из скрипта', regionId: 1 }),
    });
    expect(res.status).toBe(201);
  });

  test('reads from another origin are not writes: GET with the cookie answers as before', async () => {
    const res = await w.fetch('/api/me', { headers: { cookie, origin: SIBLING, 'sec-fetch-site': 'same-site' } });
    expect(res.status).toBe(200);
  });
});
