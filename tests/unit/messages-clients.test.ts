import { MESSAGES } from '../../worker/src/platform/i18n';
import { CLIENTS } from '../../worker/src/platform/messages/clients';
import { CARD_SCRIPT_KEYS, FORMS_SCRIPT_KEYS, NEW_CLIENT_SCRIPT_KEYS } from '../../worker/src/clients/pages/card-forms';
import { TODAY_SCRIPT_KEYS } from '../../worker/src/home/pages/rows';
import { leadName } from '../../schema/domain/format-ru';
import { at } from '../helpers/clock';

/**
 * The clients list, card, «Новый клиент», «Мой день» and tasks strings (platform/messages/clients.ts):
 * every key in both languages, the same placeholders in both, the section reachable through MESSAGES.
 */
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the clients section of the catalogue', () => {
  const entries = Object.entries(CLIENTS) as [string, { ru: string; en: string }][];

  test('is a real section, spread into MESSAGES', () => {
    expect(entries.length).toBeGreaterThan(150);
    for (const [key, text] of entries) expect(MESSAGES[key as keyof typeof MESSAGES]).toBe(text);
  });

  test.each(entries)('%s: Russian and English, both non-empty, prefixed by its page', (key, text) => {
    expect(key).toMatch(/^(clients|card|today|tasks)\./);
    expect(text.ru.trim()).not.toBe('');
    expect(text.en.trim()).not.toBe('');
    expect(text.en).not.toMatch(/[А-Яа-яЁё]/);
    expect(placeholders(text.en)).toEqual(placeholders(text.ru));
  });

  test('the scripts ask only for keys the section has', () => {
    for (const key of [...CARD_SCRIPT_KEYS, ...NEW_CLIENT_SCRIPT_KEYS, ...FORMS_SCRIPT_KEYS, ...TODAY_SCRIPT_KEYS])
      expect(CLIENTS).toHaveProperty([key]);
  });
});

describe('a lead named in the viewer’s language', () => {
  const createdAt = at('2026-11-26T12:00:00+03:00');
  test('without a subject: the words around the data follow the language, Russian by default', () => {
    const lead = { companyName: 'ООО Ромашка', channel: 'call', createdAt, timeZone: 'Europe/Moscow' };
    expect(leadName(lead)).toBe('ООО Ромашка — звонок от 26.11.2026');
    expect(leadName({ ...lead, lang: 'ru' })).toBe('ООО Ромашка — звонок от 26.11.2026');
    expect(leadName({ ...lead, lang: 'en' })).toBe('ООО Ромашка — call of 26.11.2026');
    expect(leadName({ ...lead, channel: 'onec', lang: 'en' })).toBe('ООО Ромашка — 1C order of 26.11.2026');
    expect(leadName({ companyName: 'ООО Ромашка', lang: 'en' })).toBe('ООО Ромашка — lead');
  });
  test('with a subject: client and subject as stored, in either language', () => {
    expect(leadName({ companyName: 'ООО Ромашка', subject: 'поставка труб', lang: 'en' })).toBe('ООО Ромашка — поставка труб');
  });
});
