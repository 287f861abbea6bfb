/**
 * The admin's integrations page and its «Проверить»: what is configured and what is missing (names,
 * never values), the URL to paste (PUBLIC_URL), and a check that proves each path end to end — a
 * signed test event through the worker's own hook, kept in the inbox marked as a test, never a call.
 */
import { apiAs, count } from '../helpers/api';
import { runCron, startOnecServer, type OnecServer } from '../helpers/onec-server';
import { TEST_NOW } from '../helpers/clock';
import { startWorker, TEST_SECRETS, type TestWorker } from '../helpers/worker';
import { seedWorld } from '../helpers/world';

let w: TestWorker;
let onec: OnecServer;
const PUBLIC_URL = 'https://crm.example.ru';

beforeAll(async () => {
  // A base that publishes what the pull reads, with nothing in it yet.
  onec = await startOnecServer({
    data: Object.fromEntries(
      [
        'Catalog_Контрагенты',
        'Document_ЗаказКлиента',
        'Document_СчетНаОплатуКлиенту',
        'Document_ПоступлениеБезналичныхДенежныхСредств',
        'Document_ПриходныйКассовыйОрдер',
        'Document_РеализацияТоваровУслуг',
      ].map((entity) => [entity, []]),
    ),
  });
  // Everything configured but the mail (MAIL_OWN_DOMAINS not set), behind a public address of its own.
  w = await startWorker({ bindings: { ...onec.bindings(), PUBLIC_URL: `${PUBLIC_URL}/` } });
  await seedWorld(w);
});
afterAll(async () => {
  await w?.dispose();
  await onec?.close();
});

type Card = { id: string; configured: boolean; missing: string[]; url: string | null; commands: string[]; stored24h: number };
const CHECK_MARK = 'проверка со страницы «Интеграции» (не звонок и не клиент)';

describe('the integrations status', () => {
  test('says per integration what is set and what is missing, with the URL to paste built from PUBLIC_URL', async () => {
    const res = await apiAs(w, 'admin').get('/api/admin/integrations');
    expect(res.status).toBe(200);
    const byId = Object.fromEntries((res.body.items as Card[]).map((c) => [c.id, c]));
    expect(Object.keys(byId)).toEqual(['mango', 'zadarma', 'generic', 'onec-push', 'onec-pull', 'mail']);
    expect(res.body).toMatchObject({ origin: PUBLIC_URL, originFrom: 'PUBLIC_URL' });
    expect(byId['mango']).toMatchObject({ configured: true, missing: [], url: `${PUBLIC_URL}/hooks/telephony/mango` });
    expect(byId['zadarma']).toMatchObject({ configured: true, url: `${PUBLIC_URL}/hooks/telephony/zadarma` });
    expect(byId['generic']).toMatchObject({ configured: true, url: `${PUBLIC_URL}/hooks/telephony/generic` });
    expect(byId['onec-push']).toMatchObject({ configured: true, url: `${PUBLIC_URL}/hooks/1c/documents` });
    expect(byId['onec-pull']).toMatchObject({ configured: true, url: null });
    expect(byId['mail']).toMatchObject({ configured: false, missing: ['MAIL_OWN_DOMAINS'] });
    expect(byId['mail']!.commands).toContain('MAIL_OWN_DOMAINS = "…"  # wrangler.toml [vars]');
    // Mango's click-to-call base URL is optional and unset: it is offered as a command, not called missing.
    expect(byId['mango']!.commands).toEqual([
      'MANGO_VPBX_API_URL = "…"  # wrangler.toml [vars]',
      'TELEPHONY_PROVIDER = "…"  # wrangler.toml [vars]',
    ]);
    // Names only: no configured value travels to the page.
    const text = JSON.stringify(res.body);
    for (const secret of [...Object.values(TEST_SECRETS), onec.password]) {
      if (secret.length > 4 && secret !== 'true' && secret !== 'on') expect(text).not.toContain(secret);
    }
  });

  test('the page shows the cards to the admin and a missing secret as a wrangler command', async () => {
    const page = await apiAs(w, 'admin').get('/app/admin/integrations');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Не настроено: не заданы MAIL_OWN_DOMAINS');
    expect(page.body).toContain(`<code data-url="true">${PUBLIC_URL}/hooks/telephony/generic</code>`);
    expect((await apiAs(w, 'headA').get('/api/admin/integrations')).status).toBe(403);
  });
});

test('the 1C pull is heard from by its last successful run, even when no object changed', async () => {
  const pull = async () =>
    ((await apiAs(w, 'admin').get('/api/admin/integrations')).body.items as { id: string; lastReceivedAt: number | null }[]).find(
      (c) => c.id === 'onec-pull',
    )!.lastReceivedAt;
  expect(await pull()).toBeNull();
  await runCron(w, TEST_NOW);
  expect(await pull()).toBe(TEST_NOW);
});

describe('«Проверить»', () => {
  const check = (id: string) => apiAs(w, 'admin').post(`/api/admin/integrations/${id}/check`);

  test('the generic PBX hook: a signed event comes back accepted, is kept marked as a test, and leaves no call, client or lead', async () => {
    const before = {
      companies: await count(w, 'SELECT count(*) AS n FROM companies'),
      leads: await count(w, 'SELECT count(*) AS n FROM leads'),
      events: await count(w, 'SELECT count(*) AS n FROM events'),
    };
    const res = await check('generic');
    expect(res).toEqual({ status: 200, body: expect.objectContaining({ ok: true, status: 200 }) });
    const rows = await w.db
      .prepare("SELECT path, outcome, reason FROM inbox WHERE source = 'generic' ORDER BY id")
      .all<{ path: string; outcome: string; reason: string }>();
    expect(rows.results).toEqual([{ path: '/hooks/telephony/generic', outcome: 'stored', reason: CHECK_MARK }]);
    expect(await count(w, "SELECT count(*) AS n FROM calls WHERE call_id LIKE 'voronka-check-%'")).toBe(0);
    expect({
      companies: await count(w, 'SELECT count(*) AS n FROM companies'),
      leads: await count(w, 'SELECT count(*) AS n FROM leads'),
      events: await count(w, 'SELECT count(*) AS n FROM events'),
    }).toEqual(before);
  });

  test('Mango (its ping) and Zadarma (a voice-menu step) come back accepted through their own hooks', async () => {
    expect((await check('mango')).body).toMatchObject({ ok: true, status: 200 });
    expect((await check('zadarma')).body).toMatchObject({ ok: true, status: 200 });
    const rows = await w.db
      .prepare("SELECT source, path, outcome, reason FROM inbox WHERE source IN ('mango', 'zadarma') ORDER BY id")
      .all<{ source: string; path: string; outcome: string; reason: string }>();
    expect(rows.results).toEqual([
      { source: 'mango', path: '/hooks/telephony/mango/ping', outcome: 'stored', reason: `${CHECK_MARK}: ping от Mango Office` },
      {
        source: 'zadarma',
        path: '/hooks/telephony/zadarma',
        outcome: 'stored',
        reason: `${CHECK_MARK}: NOTIFY_IVR: голосовое меню, звонок не меняется`,
      },
    ]);
    expect(await count(w, "SELECT count(*) AS n FROM calls WHERE provider IN ('mango', 'zadarma')")).toBe(0);
    // The last 24 hours now count the check's payload.
    const cards = (await apiAs(w, 'admin').get('/api/admin/integrations')).body.items as Card[];
    expect(cards.find((c) => c.id === 'mango')!.stored24h).toBe(1);
  });

  test('the 1C push: a ping signed with the 1C secret', async () => {
    expect((await check('onec-push')).body).toMatchObject({ ok: true, status: 200 });
    expect(await count(w, "SELECT count(*) AS n FROM inbox WHERE source = 'ping' AND reason LIKE 'проверка%verified as onec'")).toBe(1);
  });

  test('the 1C pull reads $metadata from 1C, and says so when 1C is down', async () => {
    const ok = await check('onec-pull');
    expect(ok.body).toMatchObject({ ok: true });
    expect(ok.body.message).toMatch(
      /^1С ответила на .*\$metadata: опубликовано объектов, которые читает загрузка, — \d+, редакция 11\.4\. Последняя удачная загрузка: 05\.12\.2026, 12:00\.$/,
    );
    // One by the cron above (it caches it), one by the check (it never does).
    expect(onec.requests.filter((r) => r.entity === '$metadata')).toHaveLength(2);
    onec.down = true;
    try {
      const down = await check('onec-pull');
      expect(down.body).toMatchObject({ ok: false, message: expect.stringMatching(/^1С не ответила на .*\$metadata: /) });
    } finally {
      onec.down = false;
    }
  });

  test('an integration that is not configured is not sent anything: the answer names what is missing', async () => {
    expect((await check('mail')).body).toEqual({ ok: false, message: 'Не настроено: не заданы MAIL_OWN_DOMAINS.' });
  });

  test('each check that ran is in the audit trail (six: the mail was not configured)', async () => {
    expect(
      await count(w, "SELECT count(*) AS n FROM audit_log WHERE entity = 'integration' AND json_extract(details, '$.op') = 'check'"),
    ).toBe(6);
  });
});
