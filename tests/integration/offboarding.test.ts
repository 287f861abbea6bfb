/**
 * Offboarding: the admin hands a leaving manager's clients over and deactivates him; from that
 * moment his session, API token and 1C widget token stop working, sign-in tells him why, calls to
 * his former clients neither ring him nor route to his extension, and it is all in the audit log.
 */
import { apiAs, count } from '../helpers/api';
import { TEST_NOW_S } from '../helpers/clock';
import { genericRequest, zadarmaRequest } from '../helpers/telephony';
import { startWorker, type TestWorker } from '../helpers/worker';
import { createToken, PASSWORD, seedWorld, sessionCookie, world } from '../helpers/world';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const status = async (path: string, headers: Record<string, string>) => (await w.fetch(path, { headers })).status;

test('a deactivated manager is locked out at once, everywhere, and sign-in says why', async () => {
  const cookie = await sessionCookie(w, 'managerB');
  const api = await createToken(w, cookie, 'api');
  const embed = await createToken(w, cookie, 'embed');
  expect(await status('/api/me', { cookie })).toBe(200);
  expect(await status('/api/me', { authorization: `Bearer ${api.secret}` })).toBe(200);
  expect(await status('/api/widgets/today', { 'x-embed-token': embed.secret })).toBe(200);

  const admin = apiAs(w, 'admin');
  const result = await admin.post(`/api/users/${world.users.managerB.id}/deactivate`);
  expect(result).toEqual({
    status: 200,
    body: { userId: world.users.managerB.id, active: false, sessionsEnded: 1, tokensRevoked: 2, clientsStillOwned: 1 },
  });

  expect(await status('/api/me', { cookie })).toBe(401);
  expect(await status('/api/me', { authorization: `Bearer ${api.secret}` })).toBe(401);
  expect(await status('/api/widgets/today', { 'x-embed-token': embed.secret })).toBe(401);
  // He cannot claim a client back: no credential of his works.
  const claim = await w.fetch(`/api/companies/${world.companies.poolMsk}/claim`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(claim.status).toBe(401);

  const signIn = await w.fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'accept-language': 'ru' },
    body: JSON.stringify({ email: world.users.managerB.email, password: PASSWORD }),
  });
  expect({ status: signIn.status, body: await signIn.json() }).toEqual({
    status: 403,
    body: { error: expect.objectContaining({ message: 'Учётная запись отключена администратором. Обратитесь к руководителю.' }) },
  });
  // A wrong password for him still says only "wrong e-mail or password": nothing is told to a guesser.
  const guess = await w.fetch('/api/auth/sign-in', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: world.users.managerB.email, password: 'не тот' }),
  });
  expect(guess.status).toBe(401);

  expect(
    await count(
      w,
      "SELECT count(*) AS n FROM audit_log WHERE entity = 'user' AND entity_id = ? AND details LIKE '%deactivate%'",
      String(world.users.managerB.id),
    ),
  ).toBe(1);
  // Twice is once.
  expect((await admin.post(`/api/users/${world.users.managerB.id}/deactivate`)).body).toMatchObject({ sessionsEnded: 0, tokensRevoked: 0 });

  // His client (ООО «Профлист Б», still his until handed over) calls: Zadarma is not told to route to his extension, and a
  // missed call waits in the region's queue instead of in his task list.
  await w.db.batch([
    w.db.prepare("INSERT INTO contacts (id, company_id, name, created_at) VALUES (202, ?, 'Пётр Снабженцев', 0)").bind(world.companies.ofB),
    w.db
      .prepare("INSERT INTO contact_points (contact_id, company_id, kind, value) VALUES (202, ?, 'phone', '+74957010102')")
      .bind(world.companies.ofB),
  ]);
  const start = await w.fetch(
    '/hooks/telephony/zadarma',
    zadarmaRequest({
      event: 'NOTIFY_START',
      call_start: '2026-12-05 11:50:00',
      pbx_call_id: 'offboard-z',
      caller_id: '+74957010102',
      called_did: '74957700000',
    }),
  );
  expect(await start.json()).toEqual({});
  for (const [type, extra] of [
    ['call.ringing', {}],
    ['call.ended', { result: 'missed' }],
  ] as const) {
    const res = await w.fetch(
      '/hooks/telephony/generic',
      genericRequest(
        { type, call_id: 'offboard-1', direction: 'in', from: '+74957010102', to: '+74957700000', timestamp: TEST_NOW_S - 300, ...extra },
        { id: `offboard-${type}` },
      ),
    );
    expect(res.status).toBe(200);
  }
  expect(await w.db.prepare('SELECT user_id, region_id FROM tasks WHERE company_id = ?').bind(world.companies.ofB).all()).toMatchObject({
    results: [{ user_id: null, region_id: world.regions.msk }],
  });

  // Back again: he can sign in; the tokens he had stay revoked.
  expect((await admin.post(`/api/users/${world.users.managerB.id}/activate`)).body).toMatchObject({ active: true });
  expect(await status('/api/me', { cookie: await sessionCookie(w, 'managerB') })).toBe(200);
  expect(await status('/api/me', { authorization: `Bearer ${api.secret}` })).toBe(401);
});

test('the admin cannot deactivate himself; a head cannot deactivate anyone', async () => {
  expect((await apiAs(w, 'admin').post(`/api/users/${world.users.admin.id}/deactivate`)).status).toBe(400);
  expect((await apiAs(w, 'headA').post(`/api/users/${world.users.managerA.id}/deactivate`)).status).toBe(403);
});
