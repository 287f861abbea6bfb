import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count } from '../helpers/api';
import { TEST_NOW } from '../helpers/clock';
import { startWorker, type TestWorker } from '../helpers/worker';
import { PASSWORD, seedWorld, world } from '../helpers/world';

/**
 * Password guessing is throttled per account and per client address: the first failures are free,
 * then every attempt waits 1 s, 2 s, 4 s … and is answered 429 without the password being checked.
 * Time passes the way it does for the worker: a worker started later on the same D1 files.
 */
let dir: string;
let w: TestWorker | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'voronka-throttle-'));
});
afterAll(async () => {
  await w?.dispose();
  await rm(dir, { recursive: true, force: true });
});

/** The worker as it is `ms` after TEST_NOW, on the suite's database. */
async function workerAt(ms: number): Promise<TestWorker> {
  await w?.dispose();
  w = await startWorker({ now: TEST_NOW + ms, d1Persist: dir });
  return w;
}

function signIn(email: string, password: string, address = '203.0.113.7', path = '/api/auth/sign-in') {
  return w!.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': address },
    body: JSON.stringify({ email, password, deviceName: 'Ноутбук' }),
  });
}
const statuses = async (attempts: (() => Promise<Response>)[]) => {
  const out: number[] = [];
  for (const attempt of attempts) out.push((await attempt()).status);
  return out;
};
const times = <T>(n: number, f: (_: unknown, i: number) => T): T[] => Array.from({ length: n }, f);

describe('one account', () => {
  const email = world.users.managerA.email;

  test('five wrong passwords are answered 401, then even the right one waits: 429 with Retry-After', async () => {
    await workerAt(0);
    await seedWorld(w!);

    expect(await statuses(times(5, () => () => signIn(email, 'не тот')))).toEqual([401, 401, 401, 401, 401]);
    const refused = await signIn(email, PASSWORD);

    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'too_many_requests',
      message: expect.stringMatching(/через 1 с/),
    });
    // The extension's password exchange is the same door.
    expect((await signIn(email, PASSWORD, '203.0.113.7', '/api/auth/token')).status).toBe(429);
  });

  test('the waits grow 1 s, 2 s, 4 s; after the wait the right password signs in and clears the account', async () => {
    await workerAt(999);
    expect((await signIn(email, PASSWORD)).status).toBe(429);

    await workerAt(1_000);
    expect((await signIn(email, 'не тот')).status).toBe(401);
    const second = await signIn(email, 'не тот');
    expect([second.status, second.headers.get('retry-after')]).toEqual([429, '2']);

    await workerAt(3_000);
    expect((await signIn(email, 'не тот')).status).toBe(401);
    const third = await signIn(email, PASSWORD);
    expect([third.status, third.headers.get('retry-after')]).toEqual([429, '4']);

    await workerAt(7_000);
    expect((await signIn(email, PASSWORD)).status).toBe(200);
    // A fresh start: five free failures again.
    expect(await statuses(times(5, () => () => signIn(email, 'не тот')))).toEqual([401, 401, 401, 401, 401]);
    expect((await signIn(email, 'не тот')).status).toBe(429);
  });

  test('an unknown e-mail is throttled exactly like a known one, so the answers tell nobody which exists', async () => {
    const ghost = 'nobody-here@test.ru';
    expect(await statuses(times(6, () => () => signIn(ghost, 'не тот', '198.51.100.9')))).toEqual([401, 401, 401, 401, 401, 429]);
  });

  test('every refused password is in the audit log with the account it was aimed at and the address', async () => {
    const rows = await w!.db
      .prepare("SELECT user_id, entity, entity_id, details FROM audit_log WHERE action = 'sign_in_failed' ORDER BY id")
      .all<{ user_id: number | null; entity: string; entity_id: string | null; details: string }>();
    const aimedAtA = rows.results.filter((r) => r.entity_id === String(world.users.managerA.id));
    const unknown = rows.results.filter((r) => r.entity_id === null);
    // 5 + 1 + 1 + 5 refusals of managerA’s password (a 429 is no password check), 5 of the unknown e-mail.
    expect(aimedAtA).toHaveLength(12);
    expect(unknown).toHaveLength(5);
    expect(rows.results.every((r) => r.user_id === null && r.entity === 'user')).toBe(true);
    expect(JSON.parse(aimedAtA[0]!.details)).toEqual({ via: 'password', address: '203.0.113.7' });
    expect(JSON.stringify(rows.results)).not.toContain('nobody-here');
  });
});

describe('one address', () => {
  test('a flood of guesses from one address is stopped before the password check; other addresses sign in as usual', async () => {
    const flooder = '192.0.2.66';
    const guesses = times(20, (_, i) => () => signIn(`guess-${i}@test.ru`, 'qwerty', flooder));
    expect(new Set(await statuses(guesses))).toEqual(new Set([401]));

    // The address now waits, whoever it tries — even a real user with the right password.
    const blocked = await signIn(world.users.headA.email, PASSWORD, flooder);
    expect([blocked.status, blocked.headers.get('retry-after')]).toEqual([429, '1']);
    // Everyone else is untouched.
    expect((await signIn(world.users.headA.email, PASSWORD, '192.0.2.67')).status).toBe(200);
    expect((await signIn(world.users.managerB.email, PASSWORD, '2001:db8:1:2::77')).status).toBe(200);
  });

  test('an IPv6 client is one /64: hopping within it does not reset the count', async () => {
    const hops = times(20, (_, i) => () => signIn(`v6-${i}@test.ru`, 'qwerty', `2001:db8:aa:bb::${(i + 1).toString(16)}`));
    expect(new Set(await statuses(hops))).toEqual(new Set([401]));
    expect((await signIn(world.users.managerC.email, PASSWORD, '2001:db8:aa:bb:ffff::1')).status).toBe(429);
    expect((await signIn(world.users.managerC.email, PASSWORD, '2001:db8:aa:bc::1')).status).toBe(200);
  });

  test('a burst of parallel guesses at a throttled account gets one password check per window', async () => {
    const email = world.users.headA.email;
    await statuses(times(5, () => () => signIn(email, 'не тот', '198.51.100.20')));
    await workerAt(9_000);
    const burst = await Promise.all(times(12, () => signIn(email, 'не тот', '198.51.100.21')));
    expect(burst.map((r) => r.status).sort()).toEqual([401, ...times(11, () => 429)]);
  });

  test('rows of runs nobody repeated for a day are removed as new failures come in', async () => {
    const before = await count(w!, 'SELECT count(*) AS n FROM sign_in_throttle');
    await workerAt(25 * 3_600_000);
    await signIn('late@test.ru', 'не тот', '198.51.100.99');
    const after = await count(w!, 'SELECT count(*) AS n FROM sign_in_throttle');
    expect(before).toBeGreaterThan(20);
    expect(after).toBe(before - 20 + 2);
  });
});
