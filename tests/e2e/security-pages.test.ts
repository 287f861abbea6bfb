import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HTTPResponse, Page } from 'puppeteer-core';
import { count } from '../helpers/api';
import { launchBrowser, type TestBrowser } from '../helpers/browser';
import type { PageGlobals } from '../helpers/dom';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * The red team's two browser attacks, replayed in Chromium against the real pages: a page of a
 * sibling origin auto-submitting a text/plain form at the API while the manager is signed in, and
 * sign-in links whose `next` would lead off the site.
 */
let server: TestWorker;
let attacker: Server;
let attackerPort: number;
let chromium: TestBrowser;
let page: Page;

/** An attacker's page: one form whose single field spells a JSON body, posted as text/plain on load. */
function forgedFormPage(action: string, fields: Record<string, unknown>): string {
  const json = JSON.stringify({ ...fields, pad: '' });
  const name = json.slice(0, -2); // `{"…","pad":"` — the browser appends `=` and the value `"}`
  const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  return `<!doctype html><meta charset="utf-8"><title>Скидки</title>
<form method="post" enctype="text/plain" action="${action}"><input type="hidden" name='${attr(name)}' value='"}'></form>
<script>document.forms[0].submit()</script>`;
}

const forms = new Map<string, string>();

beforeAll(async () => {
  server = await startWorker({ http: true, assets: true });
  await seedWorld(server);
  attacker = createServer((req, res) => {
    const html = forms.get(req.url ?? '') ?? '<!doctype html><title>evil.example</title><p>Чужой сайт</p>';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
  // evil.example resolves to the attacker's server, so a redirect off the site lands somewhere visible.
  chromium = await launchBrowser({ args: [`--host-resolver-rules=MAP evil.example 127.0.0.1:${attackerPort}`] });
  page = await chromium.browser.newPage();
});
afterAll(async () => {
  await chromium?.close();
  attacker?.closeAllConnections();
  await new Promise<void>((resolve) => (attacker ? attacker.close(() => resolve()) : resolve()));
  await server?.dispose();
});

/** Signs in through the sign-in page as a user does and returns where the browser landed. */
async function signInThroughPage(query: string): Promise<URL> {
  await page.goto(new URL(`/sign-in${query}`, server.url).toString());
  await page.type('#email', world.users.managerA.email);
  await page.type('#password', PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('#sign-in button[type="submit"]')]);
  return new URL(page.url());
}

/** Opens the attacker's page and returns the API's answer to the form it submits. */
async function visitForgedForm(host: string, path: string, apiPath: string, fields: Record<string, unknown>): Promise<HTTPResponse> {
  forms.set(path, forgedFormPage(new URL(apiPath, server.url).toString(), fields));
  const answer = page.waitForResponse((r) => r.url() === new URL(apiPath, server.url).toString() && r.request().method() === 'POST');
  await page.goto(`http://${host}:${attackerPort}${path}`);
  return answer;
}

describe('a forged form from a sibling origin while the manager is signed in', () => {
  beforeAll(async () => {
    await signInThroughPage('');
  });

  test.each([
    ['another port of 127.0.0.1 (the same site: the session cookie rides along)', '127.0.0.1'],
    ['localhost (another site)', 'localhost'],
  ])('creates no company: %s', async (_, host) => {
    const name = `Подделка с ${host}`;
    const answer = await visitForgedForm(host, `/company-${host}`, '/api/companies', { name, regionId: 1 });
    expect(answer.status()).toBeGreaterThanOrEqual(400);
    expect(await count(server, 'SELECT count(*) AS n FROM companies WHERE name = ?', name)).toBe(0);
  });

  test('the same-site form is refused as cross-origin (403), though the browser sent the cookie', async () => {
    const answer = await visitForgedForm('127.0.0.1', '/company-again', '/api/companies', { name: 'Ещё подделка', regionId: 1 });
    expect(answer.status()).toBe(403);
    expect(answer.request().headers()['cookie'] ?? '').toMatch(/vk_session=/);
  });

  test('mints no API token', async () => {
    const before = await count(server, 'SELECT count(*) AS n FROM tokens WHERE user_id = ?', world.users.managerA.id);
    const answer = await visitForgedForm('127.0.0.1', '/token', '/api/tokens', { kind: 'api', name: 'подделка' });
    expect(answer.status()).toBe(403);
    expect(await count(server, 'SELECT count(*) AS n FROM tokens WHERE user_id = ?', world.users.managerA.id)).toBe(before);
  });

  test('our own page still writes with the same session: the tokens page issues a token', async () => {
    await page.goto(new URL('/app/tokens', server.url).toString());
    await page.type('#name', 'Настоящий');
    await page.click('#new-token button[type="submit"]');
    await page.waitForSelector('#secret');
    expect(await count(server, "SELECT count(*) AS n FROM tokens WHERE user_id = ? AND name = 'Настоящий'", world.users.managerA.id)).toBe(
      1,
    );
  });
});

describe('sign-in links that would lead off the site', () => {
  test.each([
    '?next=/%5Cevil.example/app',
    '?next=/%5cevil.example/app',
    '?next=/%09/evil.example/app',
    '?next=/%0A/evil.example/app',
    '?next=//evil.example/app',
    '?next=https://evil.example/app',
    '?next=/\\evil.example/app',
    '?next=%2F%2Fevil.example',
  ])('%s lands on the start page of this site', async (query) => {
    const landed = await signInThroughPage(query);
    expect(landed.origin).toBe(server.url.origin);
    // The start page: /app, which opens «Мой день».
    expect(landed.pathname).toBe('/app/today');
  });

  test('a path of this site is still followed, with its query', async () => {
    const landed = await signInThroughPage(`?next=${encodeURIComponent('/app/clients?q=Кровля')}`);
    expect(landed.origin).toBe(server.url.origin);
    expect(`${landed.pathname}${decodeURIComponent(landed.search)}`).toBe('/app/clients?q=Кровля');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).location.pathname)).toBe('/app/clients');
  });
});
