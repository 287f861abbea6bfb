import { CLIENTS } from '../../worker/src/platform/messages/clients';
import { CARD_SCRIPT_KEYS, FORMS_SCRIPT_KEYS, NEW_CLIENT_SCRIPT_KEYS } from '../../worker/src/clients/pages/card-forms';
import { TODAY_SCRIPT_KEYS } from '../../worker/src/home/pages/rows';
import { leadName } from '../../schema/domain/format-ru';
import { at } from '../helpers/clock';

/**
 * The clients list, card, «Новый клиент», «Мой день» and tasks strings (platform/messages/clients.ts):
 * what the page scripts ask for is there. The rules every string keeps are messages-catalogue's.
 */
describe('the clients section of the catalogue', () => {
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
