import { createHash, createHmac } from 'node:crypto';
import { signStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import { apiAs, count } from '../helpers/api';
import { TEST_NOW, TEST_NOW_S } from '../helpers/clock';
import { onecPushHeaders } from '../helpers/onec-push';
import { loadOnecFixture, runCron } from '../helpers/onec-server';
import { startWorker, TEST_SECRETS, type TestWorker } from '../helpers/worker';
import { seedWorld } from '../helpers/world';

/**
 * Issue 15, «Forged, replayed and flooded requests»: what an anonymous flood leaves in the inbox, a
 * body that never ends, signatures over raw bytes, and 1C pushes that are replayed or late.
 */

let w: TestWorker;
beforeAll(async () => {
  w = await startWorker();
  await seedWorld(w);
});
afterAll(() => w?.dispose());

const GENERIC = '/hooks/telephony/generic';
const ONEC = '/hooks/1c/documents';
const MB = 1_000_000;

/** What the inbox holds, in bytes of bodies and headers (what a flood fills D1 with). */
const inboxBytes = (t: TestWorker) => count(t, 'SELECT coalesce(sum(length(CAST(body AS BLOB)) + length(headers)), 0) AS n FROM inbox');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** A PBX-looking call event padded to `size` bytes, as a flood would send it: no signature at all. */
function paddedEvent(size: number, seq: number): string {
  const head = `{"type":"call.ringing","callId":"flood-${seq}","from":"+74951234567","to":"101","pad":"`;
  return `${head}${'x'.repeat(size - head.length - 2)}"}`;
}

describe('an anonymous flood of the generic hook leaves bounded records, not bodies', () => {
  test('30 unsigned bodies of 990 KB each: 401s, 30 rows of at most 4 KB with size and hash, 30 counted', async () => {
    const before = await inboxBytes(w);
    const rowsBefore = await count(w, 'SELECT count(*) AS n FROM inbox');
    const bodies = Array.from({ length: 30 }, (_, i) => paddedEvent(990_000, i));
    const statuses = await Promise.all(
      bodies.map(async (body) => {
        const res = await w.fetch(GENERIC, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses).toEqual(Array(30).fill(401));
    expect(await count(w, 'SELECT count(*) AS n FROM inbox')).toBe(rowsBefore + 30);
    // Today each body is kept whole: +29.7 MB. A bounded record is 4 KB of body plus its headers.
    const grown = (await inboxBytes(w)) - before;
    expect(grown).toBeLessThanOrEqual(30 * (4096 + 1024));
    expect(grown).toBeGreaterThanOrEqual(30 * 4096);
    const rows = (
      await w.db
        .prepare(
          'SELECT body, body_bytes, body_sha256, body_truncated, outcome, reason FROM inbox WHERE source = ? ORDER BY id DESC LIMIT 30',
        )
        .bind('generic')
        .all<{ body: string; body_bytes: number; body_sha256: string; body_truncated: number; outcome: string; reason: string }>()
    ).results;
    const hashes = new Set(bodies.map((b) => sha256(b)));
    for (const row of rows) {
      expect(row).toMatchObject({ body_bytes: 990_000, body_truncated: 1, outcome: 'rejected' });
      expect(row.reason).toBe('unauthorized: missing webhook-id, webhook-timestamp or webhook-signature header');
      expect(Buffer.byteLength(row.body)).toBe(4096);
      expect(hashes.has(row.body_sha256)).toBe(true);
    }
    expect(
      await w.db.prepare("SELECT count, bytes FROM inbox_refusals WHERE source = 'generic' AND kind = 'unauthorized'").first(),
    ).toEqual({ count: 30, bytes: 30 * 990_000 });
  });

  test('a chunked body of 150 MB that is never read to the end: 413 after ~1 MB, a record of the refusal', async () => {
    const total = 150 * MB;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let pulled = 0;
    let stop = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (stop || pulled >= total) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    // The worker answers 413 while the sender is still uploading; on a loaded machine the client may see the
    // connection closed under its upload instead of the answer (as a real sender of 150 MB would) — either way the
    // worker stopped reading at the limit and kept a record.
    let answer: { status: number; code: string } | 'connection closed';
    try {
      const res = await w.fetch(GENERIC, {
        method: 'POST',
        body,
        duplex: 'half',
        headers: { 'content-type': 'application/json' },
      } as RequestInit);
      answer = { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
    } catch {
      answer = 'connection closed';
    }
    const pulledWhenAnswered = pulled;
    stop = true;
    if (answer !== 'connection closed') expect(answer).toEqual({ status: 413, code: 'payload_too_large' });
    // The worker stopped reading at the limit: what was generated is the limit plus what the pipes buffer.
    expect(pulledWhenAnswered).toBeLessThan(16 * MB);
    expect(pulledWhenAnswered).toBeGreaterThan(MB);
    const row = await w.db
      .prepare("SELECT body, body_bytes, body_truncated, outcome, reason FROM inbox WHERE source = 'generic' ORDER BY id DESC LIMIT 1")
      .first<{ body: string; body_bytes: number; body_truncated: number; outcome: string; reason: string }>();
    expect(row).toMatchObject({ body_bytes: MB, body_truncated: 1, outcome: 'rejected' });
    expect(row!.reason).toMatch(/^payload_too_large: over 1000000 bytes \(stopped reading after 1000000 bytes\)$/);
    expect(row!.body).toBe('a'.repeat(4096));
    expect(await w.db.prepare("SELECT count FROM inbox_refusals WHERE source = 'generic' AND kind = 'too_large'").first()).toEqual({
      count: 1,
    });
  });

  test('a 2 MB body to the 1C hook is refused at the limit and leaves a record too', async () => {
    const body = new Uint8Array(2 * MB).fill(0x62);
    const res = await w.fetch(ONEC, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    const row = await w.db
      .prepare("SELECT body, body_bytes, body_truncated, outcome, reason FROM inbox WHERE source = 'onec' ORDER BY id DESC LIMIT 1")
      .first<{ body: string; body_bytes: number; body_truncated: number; outcome: string; reason: string }>();
    // Miniflare forwards the body chunked; behind Cloudflare a declared Content-Length over the limit is refused unread.
    expect(row).toEqual({
      body: 'b'.repeat(4096),
      body_bytes: MB,
      body_truncated: 1,
      outcome: 'rejected',
      reason: 'payload_too_large: over 1000000 bytes (stopped reading after 1000000 bytes)',
    });
  });
});

describe('unauthenticated sources are rate-limited (Workers Rate Limiting binding)', () => {
  let limited: TestWorker;
  beforeAll(async () => {
    limited = await startWorker({ ratelimits: { HOOK_RATE_LIMITER: { simple: { limit: 5, period: 60 } } } });
  });
  afterAll(() => limited?.dispose());

  test('over the limit: 429 with Retry-After, counted but not stored; signed requests are not limited', async () => {
    const results: { status: number; retryAfter: string | null }[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await limited.fetch(GENERIC, {
        method: 'POST',
        body: paddedEvent(10_000, i),
        headers: { 'cf-connecting-ip': '203.0.113.9' },
      });
      await res.arrayBuffer();
      results.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
    }
    const refused = results.filter((r) => r.status === 401).length;
    const limitedCount = results.filter((r) => r.status === 429).length;
    // Miniflare counts per real minute: 12 requests over a limit of 5 cross it even if a minute turns.
    expect(refused + limitedCount).toBe(12);
    expect(limitedCount).toBeGreaterThanOrEqual(2);
    expect(results.filter((r) => r.status === 429).every((r) => r.retryAfter === '60')).toBe(true);
    expect(await count(limited, "SELECT count(*) AS n FROM inbox WHERE source = 'generic'")).toBe(refused);
    const counted = (
      await limited.db
        .prepare("SELECT kind, count FROM inbox_refusals WHERE source = 'generic' ORDER BY kind")
        .all<{ kind: string; count: number }>()
    ).results;
    expect(counted).toEqual([
      { kind: 'rate_limited', count: limitedCount },
      { kind: 'unauthorized', count: refused },
    ]);

    const id = 'msg_signed_after_flood';
    const body = '{"ping":"after the flood"}';
    const signed = await limited.fetch('/hooks/ping', {
      method: 'POST',
      body,
      headers: {
        'cf-connecting-ip': '203.0.113.9',
        'webhook-id': id,
        'webhook-timestamp': String(TEST_NOW_S),
        'webhook-signature': await signStandardWebhook(TEST_SECRETS.TELEPHONY_WEBHOOK_SECRET, id, TEST_NOW_S, body),
      },
    });
    expect(signed.status).toBe(200);
  });
});

describe('signatures are checked over the raw bytes', () => {
  const pingSigned = async (bytes: Uint8Array, id: string) => {
    const secret = Buffer.from(TEST_SECRETS.TELEPHONY_WEBHOOK_SECRET.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', secret).update(`${id}.${TEST_NOW_S}.`).update(bytes).digest('base64');
    return w.fetch('/hooks/ping', {
      method: 'POST',
      body: bytes,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(TEST_NOW_S),
        'webhook-signature': `v1,${mac}`,
      },
    });
  };

  test('a correctly signed body that starts with a BOM is accepted', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ping":"с BOM"}', 'utf8')]);
    const res = await pingSigned(bytes, 'msg_bom');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, integration: 'telephony' });
  });

  test('a correctly signed body that is not UTF-8 is a 400 naming that, not a signature mismatch', async () => {
    const bytes = Buffer.concat([Buffer.from('{"ping":"', 'utf8'), Buffer.from([0xcf, 0xf0, 0xe8]), Buffer.from('"}', 'utf8')]); // cp1251 «При»
    const res = await pingSigned(bytes, 'msg_cp1251');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/UTF-8/);
    const row = await w.db
      .prepare("SELECT outcome, reason, body_sha256 FROM inbox WHERE source = 'ping' ORDER BY id DESC LIMIT 1")
      .first<{ outcome: string; reason: string; body_sha256: string }>();
    expect(row).toEqual({ outcome: 'rejected', reason: expect.stringMatching(/UTF-8/), body_sha256: sha256(bytes) });
  });

  test('a 1C push with a BOM, signed over the bytes sent, is applied', async () => {
    const cp = { ...counterpartyFixture, Ref_Key: '7c1e0f4a-0000-4000-8000-0000000000b0', DataVersion: 'AAAAAQAAAAA=', ИНН: '7701000011' };
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ value: [cp] }), 'utf8')]);
    const res = await w.fetch(ONEC, {
      method: 'POST',
      body: bytes,
      headers: { 'content-type': 'application/json', ...onecPushHeaders(bytes) },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ results: [{ refKey: cp.Ref_Key, outcome: 'stored' }] });
  });
});

const counterpartyFixture = { entity: 'Catalog_Контрагенты', ...loadOnecFixture('Catalog_Контрагенты')[0]! };

/** One counterparty in three successive versions, as 1C writes it after each edit. */
function versions(ref: string) {
  const base = { ...counterpartyFixture, Ref_Key: ref };
  return {
    v1: { ...base, DataVersion: 'AAAAAQAAAAA=', Description: 'Альфа-Строй', ИНН: '7701234567', КПП: '770101001' },
    v2: { ...base, DataVersion: 'AAAAAgAAAAA=', Description: 'Альфа-Строй Плюс', ИНН: '7701234567', КПП: '770102002' },
    v3: { ...base, DataVersion: 'AAAAAwAAAAA=', Description: 'Альфа-Строй Групп', ИНН: '7701234567', КПП: '770103003' },
  };
}

async function send(t: TestWorker, body: string, headers: Record<string, string>) {
  const res = await t.fetch(ONEC, { method: 'POST', body, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });
  return { status: res.status, json: (await res.json()) as any };
}

const company = (t: TestWorker, ref: string) =>
  t.db.prepare('SELECT name, inn, kpp, onec_version FROM companies WHERE onec_ref = ?').bind(ref).first();

describe('1C push: a replayed or late push never rolls a counterparty back', () => {
  const ref = '7c1e0f4a-0000-4000-8000-0000000000a1';
  const v = versions(ref);
  const older = JSON.stringify({ value: [v.v1] });
  const newer = JSON.stringify({ value: [v.v2] });
  const olderHeaders = onecPushHeaders(older, { at: TEST_NOW - 120_000, requestId: 'c0ffee00-0000-4000-8000-000000000001' });

  test('the older push, then the newer; the captured older one replayed as it was is refused (its id was used)', async () => {
    expect((await send(w, older, olderHeaders)).json.results).toEqual([{ refKey: ref, outcome: 'stored' }]);
    expect((await send(w, newer, onecPushHeaders(newer, { at: TEST_NOW - 60_000 }))).json.results).toEqual([
      { refKey: ref, outcome: 'stored' },
    ]);
    const rowsBefore = await count(w, 'SELECT count(*) AS n FROM inbox');
    const replay = await send(w, older, olderHeaders);
    expect(replay.status).toBe(409);
    expect(replay.json.error.details).toEqual({ reason: 'request_id_reused' });
    expect(await company(w, ref)).toEqual({ name: 'Альфа-Строй Плюс', inn: '7701234567', kpp: '770102002', onec_version: 'AAAAAgAAAAA=' });
    const kept = await w.db
      .prepare('SELECT outcome, reason FROM inbox WHERE id > ? ORDER BY id')
      .bind(rowsBefore)
      .all<{ outcome: string; reason: string }>();
    expect(kept.results).toEqual([
      {
        outcome: 'rejected',
        reason: expect.stringMatching(/^replay: X-Request-Id c0ffee00-0000-4000-8000-000000000001 was already received at /),
      },
    ]);
  });

  test('the older version sent again under a fresh id is refused as older: the name and КПП stay', async () => {
    const res = await send(w, older, onecPushHeaders(older));
    expect(res.status).toBe(200);
    expect(res.json.results).toEqual([
      {
        refKey: ref,
        outcome: 'rejected',
        reason: 'более старая версия объекта: DataVersion AAAAAQAAAAA= уже применялась и заменена на AAAAAgAAAAA=',
      },
    ]);
    expect(await company(w, ref)).toMatchObject({ name: 'Альфа-Строй Плюс', kpp: '770102002' });
  });

  test('a version never seen, but signed before the stored one was sent, is refused as late', async () => {
    const late = JSON.stringify({ value: [v.v3] });
    const res = await send(w, late, onecPushHeaders(late, { at: TEST_NOW - 90_000 }));
    expect(res.json.results[0]).toMatchObject({
      outcome: 'rejected',
      reason: expect.stringMatching(/^более старая версия объекта: отправлена /),
    });
    expect(await company(w, ref)).toMatchObject({ name: 'Альфа-Строй Плюс' });
    const fresh = await send(w, late, onecPushHeaders(late));
    expect(fresh.json.results).toEqual([{ refKey: ref, outcome: 'stored' }]);
    expect(await company(w, ref)).toMatchObject({ name: 'Альфа-Строй Групп', kpp: '770103003' });
  });

  test.each([
    ['five minutes and a second ago', TEST_NOW - 301_000],
    ['five minutes and a second ahead', TEST_NOW + 301_000],
  ])('a push signed %s is refused with 401', async (_name, at) => {
    const body = JSON.stringify({ value: [{ ...v.v1, DataVersion: 'AAAABAAAAAA=' }] });
    const res = await send(w, body, onecPushHeaders(body, { at }));
    expect(res.status).toBe(401);
    expect(res.json.error.message).toBe('Подпись не принята: X-Timestamp outside the 5-minute window');
  });

  test('a reused id with another body (a fresh signature) is refused and nothing is applied', async () => {
    const body = JSON.stringify({ value: [{ ...v.v3, DataVersion: 'AAAABQAAAAA=', Description: 'Чужое имя' }] });
    const res = await send(w, body, onecPushHeaders(body, { requestId: 'c0ffee00-0000-4000-8000-000000000001' }));
    expect(res.status).toBe(409);
    expect(await company(w, ref)).toMatchObject({ name: 'Альфа-Строй Групп' });
  });

  test('the inbox rows of 1C pushes keep no signature and no credentials', async () => {
    const rows = (await w.db.prepare("SELECT headers FROM inbox WHERE source = 'onec'").all<{ headers: string }>()).results;
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const row of rows) {
      const headers = JSON.parse(row.headers) as Record<string, string>;
      expect(headers).not.toHaveProperty('authorization');
      expect(Object.values(headers).filter((value) => /sha256=|^v1,|^Basic /i.test(value))).toEqual([]);
    }
    expect(
      await count(w, `SELECT count(*) AS n FROM inbox WHERE source = 'onec' AND headers LIKE '%"x-signature":"(present, not kept)"%'`),
    ).toBe(rows.filter((r) => r.headers.includes('x-signature')).length);
  });
});

describe('ONEC_PUSH_AUTH=basic: the weaker, replayable way, still never rolled back', () => {
  let basic: TestWorker;
  beforeAll(async () => {
    basic = await startWorker({ bindings: { ONEC_PUSH_AUTH: 'basic' } });
    await seedWorld(basic);
  });
  afterAll(() => basic?.dispose());
  const basicAuth = { authorization: `Basic ${Buffer.from(`1c:${TEST_SECRETS.ONEC_WEBHOOK_SECRET}`).toString('base64')}` };
  const ref = '7c1e0f4a-0000-4000-8000-0000000000c1';
  const v = versions(ref);

  test('Basic and the body-only X-Signature are accepted; a captured older push replayed is refused as older', async () => {
    const older = JSON.stringify({ value: [v.v1] });
    const newer = JSON.stringify({ value: [v.v2] });
    expect((await send(basic, older, basicAuth)).json.results).toEqual([{ refKey: ref, outcome: 'stored' }]);
    const bodyOnly = `sha256=${createHmac('sha256', TEST_SECRETS.ONEC_WEBHOOK_SECRET).update(newer).digest('hex')}`;
    expect((await send(basic, newer, { 'x-signature': bodyOnly })).json.results).toEqual([{ refKey: ref, outcome: 'stored' }]);
    const replay = await send(basic, older, basicAuth);
    expect(replay.status).toBe(200);
    expect(replay.json.results[0]).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/^более старая версия объекта/) });
    expect(await company(basic, ref)).toMatchObject({ name: 'Альфа-Строй Плюс', kpp: '770102002' });
  });

  test('a wrong Basic password is still refused', async () => {
    const res = await send(basic, '{"value":[]}', { authorization: `Basic ${Buffer.from('1c:не-тот').toString('base64')}` });
    expect(res.status).toBe(401);
    expect(res.json.error.message).toBe('Подпись не принята: Basic credentials mismatch');
  });
});

describe('what is kept of a refusal cannot be re-applied by the admin', () => {
  test.each([
    ['a body cut at 4 KB (over the limit)', "reason LIKE 'payload_too_large:%'", 'Хранится только начало'],
    ['a reused request id', "reason LIKE 'replay: X-Request-Id%'", 'Это повтор уже полученного'],
    ['an older 1C version', "instr(reason, 'более старая версия объекта') = 1", 'более старая версия'],
  ])('%s: «Повторить» answers 409 and the page offers no button', async (_name, where, message) => {
    const row = await w.db
      .prepare(`SELECT id, reason FROM inbox WHERE outcome = 'rejected' AND ${where} ORDER BY id LIMIT 1`)
      .first<{ id: number }>();
    expect(row).not.toBeNull();
    const res = await apiAs(w, 'admin').post(`/api/inbox/${row!.id}/replay`);
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(message);
    const page = await apiAs(w, 'admin').get('/app/sync');
    expect(page.body).not.toContain(`data-replay="${row!.id}"`);
  });
});

describe('inbox retention (the hourly cron)', () => {
  test('processed rows older than 30 days and rejected ones older than 90 go; younger ones stay', async () => {
    const day = 24 * 3600_000;
    const insert = (outcome: string, ageDays: number, tag: string) =>
      w.db
        .prepare(
          "INSERT INTO inbox (source, external_id, received_at, method, path, headers, body, outcome) VALUES ('retention', ?, ?, 'POST', '/x', '{}', '{}', ?)",
        )
        .bind(tag, TEST_NOW - ageDays * day, outcome);
    await w.db.batch([
      insert('stored', 31, 'stored-31'),
      insert('duplicate', 45, 'duplicate-45'),
      insert('stored', 29, 'stored-29'),
      insert('rejected', 89, 'rejected-89'),
      insert('rejected', 91, 'rejected-91'),
    ]);
    await runCron(w, TEST_NOW - (TEST_NOW % 3600_000)); // the first run of an hour
    const left = (
      await w.db.prepare("SELECT external_id FROM inbox WHERE source = 'retention' ORDER BY external_id").all<{ external_id: string }>()
    ).results.map((r) => r.external_id);
    expect(left).toEqual(['rejected-89', 'stored-29']);
  });
});
