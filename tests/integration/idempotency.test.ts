import { count } from '../helpers/api';
import { startWorker, type TestWorker } from '../helpers/worker';
import { createToken, seedWorld, sessionCookie, world } from '../helpers/world';
import { TEST_NOW } from '../helpers/clock';

/**
 * `Idempotency-Key` on the extension's writes: the offline queue resends an action whose answer it
 * never saw, and the server must apply it once and answer the same both times.
 */
let w: TestWorker;
let tokenA: string;
let tokenB: string;
beforeAll(async () => {
  w = await startWorker({ bindings: { MAIL_OWN_DOMAINS: 'test.ru' } });
  await seedWorld(w);
  tokenA = (await createToken(w, await sessionCookie(w, 'managerA'), 'api')).secret;
  tokenB = (await createToken(w, await sessionCookie(w, 'managerB'), 'api')).secret;
});
afterAll(() => w?.dispose());

async function post(token: string, path: string, body: unknown, key?: string) {
  const res = await w.fetch(path, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'accept-language': 'ru',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, body: JSON.parse(text) as any, replayed: res.headers.get('idempotent-replayed') };
}

const notes = (subject: string) => count(w, "SELECT count(*) AS n FROM events WHERE kind = 'note' AND subject = ?", subject);

describe('Idempotency-Key', () => {
  test('the same key twice writes one note and answers the same status and body', async () => {
    const body = { kind: 'note', subject: 'Перезвонить после 15:00' };
    const first = await post(tokenA, `/api/companies/${world.companies.ofA}/events`, body, 'note-key-0001');
    const second = await post(tokenA, `/api/companies/${world.companies.ofA}/events`, body, 'note-key-0001');

    expect(first.status).toBe(201);
    expect(first.body.eventId).toEqual(expect.any(Number));
    expect([second.status, second.text, second.replayed]).toEqual([201, first.text, 'true']);
    expect(await notes('Перезвонить после 15:00')).toBe(1);
  });

  test('without a key every request is its own action', async () => {
    const body = { kind: 'note', subject: 'Без ключа' };
    await post(tokenA, `/api/companies/${world.companies.ofA}/events`, body);
    await post(tokenA, `/api/companies/${world.companies.ofA}/events`, body);

    expect(await notes('Без ключа')).toBe(2);
  });

  test('the same key with a different body is refused with 409 and a Russian reason, and nothing is written', async () => {
    await post(
      tokenA,
      '/api/tasks',
      { title: 'Отправить КП', dueAt: Date.UTC(2026, 11, 1), companyId: world.companies.ofA },
      'task-key-0001',
    );
    const tasksBefore = await count(w, 'SELECT count(*) AS n FROM tasks');

    const other = await post(
      tokenA,
      '/api/tasks',
      { title: 'Другая задача', dueAt: Date.UTC(2026, 11, 1), companyId: world.companies.ofA },
      'task-key-0001',
    );

    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({
      code: 'conflict',
      message: 'Этот Idempotency-Key уже использован для другого запроса: для нового действия нужен новый ключ',
    });
    expect(await count(w, 'SELECT count(*) AS n FROM tasks')).toBe(tasksBefore);
  });

  test('a repeat while the first is still running is refused with 409; an abandoned one frees the key after a minute', async () => {
    await w.db
      .prepare('INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES (?, ?, ?, ?)')
      .bind(world.users.managerA.id, 'lead-key-0001', 'x', TEST_NOW)
      .run();
    // Same request hash as the real one: only "in flight" differs.
    const real = await post(tokenA, '/api/leads', { companyId: world.companies.ofA }, 'lead-key-0002');
    const hash = (await w.db
      .prepare('SELECT request_hash FROM idempotency_keys WHERE key = ?')
      .bind('lead-key-0002')
      .first<{ request_hash: string }>())!.request_hash;
    await w.db.prepare('UPDATE idempotency_keys SET request_hash = ? WHERE key = ?').bind(hash, 'lead-key-0001').run();

    const busy = await post(tokenA, '/api/leads', { companyId: world.companies.ofA }, 'lead-key-0001');
    expect(real.status).toBe(201);
    expect([busy.status, busy.body.error.message]).toEqual([409, 'Запрос с этим Idempotency-Key ещё выполняется: повторите чуть позже']);

    await w.db
      .prepare('UPDATE idempotency_keys SET created_at = ? WHERE key = ?')
      .bind(TEST_NOW - 61_000, 'lead-key-0001')
      .run();
    const retried = await post(tokenA, '/api/leads', { companyId: world.companies.ofA }, 'lead-key-0001');
    expect(retried.status).toBe(201);
    expect(retried.body.id).not.toBe(real.body.id);
  });

  test("another user's identical key is independent: both writes happen", async () => {
    const a = await post(
      tokenA,
      `/api/companies/${world.companies.ofA}/events`,
      { kind: 'note', subject: 'Общий ключ' },
      'shared-key-0001',
    );
    const b = await post(
      tokenB,
      `/api/companies/${world.companies.ofB}/events`,
      { kind: 'note', subject: 'Общий ключ' },
      'shared-key-0001',
    );

    expect([a.status, b.status, b.replayed]).toEqual([201, 201, null]);
    expect(a.body.eventId).not.toBe(b.body.eventId);
    expect(await notes('Общий ключ')).toBe(2);
    expect(await count(w, "SELECT count(*) AS n FROM idempotency_keys WHERE key = 'shared-key-0001'")).toBe(2);
  });

  test('a refused request (out of scope) writes nothing and frees its key', async () => {
    const refused = await post(
      tokenA,
      `/api/companies/${world.companies.ofC}/events`,
      { kind: 'note', subject: 'Чужой клиент' },
      'refused-key-01',
    );
    expect(refused.status).toBe(404);
    expect(await count(w, "SELECT count(*) AS n FROM idempotency_keys WHERE key = 'refused-key-01'")).toBe(0);
  });

  test('logging a mail twice under one key files it once and answers the same', async () => {
    const mail = {
      messageId: '<gmail-18c2@voronka.extension>',
      from: 'Иван Петров <ivan@krovlya.ru>',
      to: ['a@test.ru'],
      date: Date.UTC(2026, 10, 20, 8),
      subject: 'Счёт на профнастил',
    };
    const first = await post(tokenA, '/api/mail/log', mail, 'mail-key-0001');
    const second = await post(tokenA, '/api/mail/log', mail, 'mail-key-0001');

    expect(first.status).toBe(200);
    expect(first.body.companies).toEqual([expect.objectContaining({ companyId: world.companies.ofA, duplicate: false })]);
    expect(second.text).toBe(first.text);
    expect(await count(w, "SELECT count(*) AS n FROM events WHERE kind = 'mail' AND subject = 'Счёт на профнастил'")).toBe(1);
    expect(await count(w, "SELECT count(*) AS n FROM inbox WHERE source = 'mail' AND external_id = 'gmail-18c2@voronka.extension'")).toBe(
      1,
    );
  });

  test('a malformed key is refused with 400', async () => {
    const res = await post(tokenA, `/api/companies/${world.companies.ofA}/events`, { kind: 'note', subject: 'x' }, 'short');
    expect([res.status, res.body.error.message]).toEqual([400, 'Заголовок Idempotency-Key: 8–100 печатных символов без пробелов']);
  });
});
