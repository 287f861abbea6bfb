import { ADMIN } from '../../worker/src/platform/messages/admin';
import { MESSAGES, fill, msgf } from '../../worker/src/platform/i18n';
import { explainReason } from '../../worker/src/sync/explain-reason';

/**
 * The admin, sync, audit, tokens and import strings (platform/messages/admin.ts): every key in both
 * languages, the same placeholders in both, and the section reachable through MESSAGES.
 */
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the admin section of the catalogue', () => {
  const entries = Object.entries(ADMIN) as [string, { ru: string; en: string }][];

  test('is a real section, spread into MESSAGES', () => {
    expect(entries.length).toBeGreaterThan(200);
    for (const [key, text] of entries) expect(MESSAGES[key as keyof typeof MESSAGES]).toBe(text);
  });

  test.each(entries)('%s: Russian and English, both non-empty, prefixed by its part of the app', (key, text) => {
    expect(key).toMatch(/^(admin|sync|audit|tokens|import)\./);
    expect(text.ru.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(text.en).not.toMatch(/[А-Яа-яЁё]/);
    expect(placeholders(text.en)).toEqual(placeholders(text.ru));
  });
});

describe('filling placeholders', () => {
  test('each named value goes into its place; an unknown placeholder stays as written', () => {
    expect(fill('{a} и {b}, {c}', { a: 1, b: 'два' })).toBe('1 и два, {c}');
    expect(msgf('admin.users.handedOver', 'ru', { clients: 81, leads: 40, tasks: 27 })).toBe('Передано: клиентов 81, сделок 40, задач 27.');
    expect(msgf('admin.users.handedOver', 'en', { clients: 81, leads: 40, tasks: 27 })).toBe(
      'Handed over: 81 clients, 40 leads, 27 tasks.',
    );
  });
});

describe('refused payloads explained in English', () => {
  test.each([
    [
      'unauthorized: webhook-timestamp outside the 5-minute window',
      'Signature refused: the time in the signature differs from ours by more than 5 minutes: check the sender’s clock. Such a request has to be sent again; it cannot be replayed here.',
    ],
    ['body.value: Invalid input: expected array, received undefined', 'The data failed validation: field «value» — missing.'],
    // A Russian validator message no pattern knows is not shown to an English reader as is.
    ['body.name: Слишком большое значение', 'The data failed validation: field «name» — invalid value.'],
    ['нет поля timestamp', 'Not accepted: the reason is in Russian — see the details.'],
    ['something odd', 'Not accepted: something odd.'],
  ])('%s', (raw, plain) => {
    expect(explainReason(raw, 'en')).toBe(plain);
  });
});
