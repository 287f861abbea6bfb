import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import { startWorker, TEST_SECRETS, type TestWorker } from '../helpers/worker';
import { TEST_NOW_S } from '../helpers/clock';

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
});
afterAll(() => w?.dispose());

async function ping(body: string, opts: { secret?: string; id?: string; ts?: number } = {}) {
  const id = opts.id ?? `msg_${Math.random().toString(36).slice(2)}`;
  const ts = opts.ts ?? TEST_NOW_S;
  const signature = await signStandardWebhook(opts.secret ?? TEST_SECRETS.ONEC_WEBHOOK_SECRET, id, ts, body);
  const res = await w.fetch('/hooks/ping', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(ts), 'webhook-signature': signature },
  });
  const inbox = await w.db
    .prepare('SELECT outcome, reason, body, external_id FROM inbox ORDER BY id DESC LIMIT 1')
    .first<{ outcome: string; reason: string; body: string; external_id: string | null }>();
  return { res, inbox };
}

describe('POST /hooks/ping (Standard Webhooks)', () => {
  test('a correctly signed ping is answered with the integration it matched and kept as stored', async () => {
    const { res, inbox } = await ping('{"ping":1}', { id: 'msg_ok' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, integration: 'onec' });
    expect(inbox).toMatchObject({ outcome: 'stored', body: '{"ping":1}', external_id: 'msg_ok' });
  });

  test('the whsec_ (base64) secret form works too', async () => {
    const { res } = await ping('{}', { secret: TEST_SECRETS.TELEPHONY_WEBHOOK_SECRET });
    expect(await res.json()).toMatchObject({ integration: 'telephony' });
  });

  test('a wrong signature is a 401 and the payload is kept with its reason', async () => {
    const { res, inbox } = await ping('{"ping":2}', { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect(inbox).toMatchObject({ outcome: 'rejected', reason: 'unauthorized: signature mismatch', body: '{"ping":2}' });
  });

  test('a timestamp outside the 5-minute window is refused even when signed', async () => {
    const { res, inbox } = await ping('{"ping":3}', { ts: TEST_NOW_S - 301 });
    expect(res.status).toBe(401);
    expect(inbox?.reason).toBe('unauthorized: webhook-timestamp outside the 5-minute window');
  });

  test('missing signature headers are refused and kept', async () => {
    const res = await w.fetch('/hooks/ping', { method: 'POST', body: 'plain', headers: { authorization: 'Bearer secret-of-someone' } });
    expect(res.status).toBe(401);
    const row = await w.db
      .prepare('SELECT outcome, reason, headers FROM inbox ORDER BY id DESC LIMIT 1')
      .first<{ outcome: string; reason: string; headers: string }>();
    expect(row?.outcome).toBe('rejected');
    expect(row?.reason).toMatch(/missing webhook-id/);
    expect(JSON.parse(row!.headers)).not.toHaveProperty('authorization');
  });
});
