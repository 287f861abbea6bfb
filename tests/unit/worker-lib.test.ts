import { hashPasswordSync } from '../../scripts/lib/password';
import { signStandardWebhook, verifyStandardWebhook } from '../../worker/src/platform/standard-webhooks';
import { safeEqual, verifyPassword } from '../../worker/src/platform/crypto';
import { pickLang } from '../../worker/src/platform/i18n';
import { localDate, localDayBounds } from '../../worker/src/platform/time';

describe('passwords', () => {
  test('a hash written by Node (seeds) verifies with WebCrypto (the worker), and a wrong password does not', async () => {
    const stored = hashPasswordSync('demo2026', 1000);
    expect(await verifyPassword('demo2026', stored)).toBe(true);
    expect(await verifyPassword('demo2027', stored)).toBe(false);
  });
  test('passwords are written with 100k PBKDF2-SHA256 iterations and a random salt, and the worker verifies them', async () => {
    const a = hashPasswordSync('x');
    const b = hashPasswordSync('x');
    expect(a).toMatch(/^pbkdf2\$sha256\$100000\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('x', a)).toBe(true);
  });
  test('malformed stored hashes never verify', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
  });
  test('safeEqual compares by content only', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });
});

describe('language', () => {
  test.each([
    [undefined, 'ru'],
    ['en-US,en;q=0.9', 'en'],
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['en;q=0.5,ru;q=0.9', 'ru'],
    ['de-DE', 'ru'],
    ['de,en;q=0.7', 'en'],
    ['en;q=0', 'ru'],
  ])('%s → %s', (header, lang) => {
    expect(pickLang(header)).toBe(lang);
  });
});

describe('local days', () => {
  test('a Vladivostok (UTC+10) day starts at 14:00 UTC of the day before', () => {
    const at = Date.UTC(2026, 10, 20, 15, 30); // 01:30 on 21 Nov in Vladivostok
    expect(localDate(at, 'Asia/Vladivostok')).toBe('2026-11-21');
    expect(localDayBounds(at, 'Asia/Vladivostok')).toEqual([Date.UTC(2026, 10, 20, 14), Date.UTC(2026, 10, 21, 14)]);
  });
  test('a Kaliningrad (UTC+2) day', () => {
    expect(localDayBounds(Date.UTC(2026, 10, 20, 23), 'Europe/Kaliningrad')).toEqual([
      Date.UTC(2026, 10, 20, 22),
      Date.UTC(2026, 10, 21, 22),
    ]);
  });
});

describe('Standard Webhooks signatures', () => {
  const now = Date.UTC(2026, 10, 27, 10);
  const headers = async (body: string, secret = 'whsec_c2VjcmV0') =>
    new Headers({
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(now / 1000),
      'webhook-signature': await signStandardWebhook(secret, 'msg_1', now / 1000, body),
    });
  test('verifies its own signature and names the id', async () => {
    expect(await verifyStandardWebhook('whsec_c2VjcmV0', await headers('{}'), '{}', now)).toEqual({ ok: true, externalId: 'msg_1' });
  });
  test('accepts one good signature among several (secret rotation)', async () => {
    const h = await headers('{}');
    h.set('webhook-signature', `v1,AAAA ${h.get('webhook-signature')}`);
    expect((await verifyStandardWebhook('whsec_c2VjcmV0', h, '{}', now)).ok).toBe(true);
  });
  test('a changed body breaks the signature', async () => {
    expect(await verifyStandardWebhook('whsec_c2VjcmV0', await headers('{}'), '{"a":1}', now)).toEqual({
      ok: false,
      reason: 'signature mismatch',
    });
  });
  test('is refused 5 minutes and 1 second later', async () => {
    expect((await verifyStandardWebhook('whsec_c2VjcmV0', await headers('{}'), '{}', now + 301_000)).ok).toBe(false);
    expect((await verifyStandardWebhook('whsec_c2VjcmV0', await headers('{}'), '{}', now + 299_000)).ok).toBe(true);
  });
});
