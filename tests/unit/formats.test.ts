import {
  formatDay,
  formatDayTime,
  formatIsoDate,
  formatIsoPeriod,
  formatMoney,
  formatMoneyWhole,
  formatMonth,
  formatMonthTitle,
  formatPhoneWithExtension,
  knownZone,
  leadName,
  leadTitle,
} from '../../schema/domain/format-ru';
import { splitPhoneText } from '../../schema/domain/phone-text';
import * as pageFormat from '../../pages/src/lib/format';
import * as serverFormat from '../../worker/src/platform/ru-format';
import { gramsQuery, searchIntent } from '../../worker/src/clients/companies/match';
import { MENU, menuFor } from '../../worker/src/platform/page';
import { MESSAGES, pageLang } from '../../worker/src/platform/i18n';
import { at } from '../helpers/clock';

/** No-break spaces shown as plain ones, so expectations read as a person reads the page. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('one Russian format', () => {
  test('a day is dd.mm.yyyy in the viewer zone: the same instant is the 5th in Moscow and the 6th in Vladivostok', () => {
    const instant = at('2026-12-05T20:30:00Z');
    expect(formatDay(instant, 'Europe/Moscow')).toBe('05.12.2026');
    expect(formatDay(instant, 'Asia/Vladivostok')).toBe('06.12.2026');
    expect(formatDayTime(instant, 'Europe/Moscow')).toBe('05.12.2026, 23:30');
  });

  test('ISO calendar dates and periods from reports become dd.mm.yyyy', () => {
    expect(formatIsoDate('2026-12-05')).toBe('05.12.2026');
    expect(formatIsoDate('2026-11-24T16:05:00')).toBe('24.11.2026');
    expect(formatIsoDate('вчера')).toBe('вчера');
    expect(plain(formatIsoPeriod('2026-12-01', '2026-12-31'))).toBe('01.12.2026 — 31.12.2026');
    expect(formatIsoPeriod('2026-12-05', '2026-12-05')).toBe('05.12.2026');
  });

  test('a month is a nominative name with the year, no «г.»', () => {
    expect(plain(formatMonth('2026-12'))).toBe('декабрь 2026');
    expect(plain(formatMonth('2027-01'))).toBe('январь 2027');
    expect(plain(formatMonthTitle('2026-05'))).toBe('Май 2026');
    expect(formatMonth('2026-13')).toBe('2026-13');
  });

  test('money: thousands by no-break spaces, comma before kopecks, the rouble sign after', () => {
    expect(plain(formatMoney(123_456_789))).toBe('1 234 567,89 ₽');
    expect(plain(formatMoney(0))).toBe('0,00 ₽');
    expect(plain(formatMoney(-50))).toBe('-0,50 ₽');
    expect(plain(formatMoneyWhole(123_456_789))).toBe('1 234 568 ₽');
    expect(formatMoney(123_456_789)).not.toContain(' '); // never a breaking space inside a sum
  });

  test('phones: +7 495 123-45-67, with the extension after; a foreign number as stored', () => {
    expect(formatPhoneWithExtension('+74951234567')).toBe('+7\u00a0495\u00a0123-45-67');
    expect(plain(formatPhoneWithExtension('+78126001234', '204'))).toBe('+7 812 600-12-34 доб. 204');
    expect(plain(formatPhoneWithExtension('+78126001234', '204', 'en'))).toBe('+7 812 600-12-34 ext. 204');
    // What the edit form shows is read back to the same number and extension in either language.
    for (const lang of ['ru', 'en'] as const)
      expect(splitPhoneText(formatPhoneWithExtension('+78126001234', '204', lang))).toEqual({
        number: '+7 812 600-12-34',
        extension: '204',
      });
    expect(formatPhoneWithExtension('+4930123456')).toBe('+4930123456');
  });

  test('a lead is named by the client and its subject, or by what started it and when — never by its id', () => {
    expect(leadName({ companyName: 'ООО Ромашка', subject: 'поставка труб' })).toBe('ООО Ромашка — поставка труб');
    expect(
      leadName({
        companyName: 'ООО "Кровля А"',
        subject: '  ',
        channel: 'call',
        createdAt: at('2026-11-26T09:00:00Z'),
        timeZone: 'Europe/Moscow',
      }),
    ).toBe('ООО "Кровля А" — звонок от 26.11.2026');
    expect(leadName({ companyName: 'ИП Сидоров', channel: 'web' })).toBe('ИП Сидоров — заявка с сайта');
    expect(leadName({ companyName: 'ИП Сидоров', channel: 'unknown-channel' })).toBe('ИП Сидоров — интерес');
  });

  test('a zone Intl accepts is kept, anything else falls back; the check leaves the day format ready', () => {
    expect(knownZone('Asia/Vladivostok', 'Europe/Moscow')).toBe('Asia/Vladivostok');
    expect(knownZone('Марс/Олимп', 'Europe/Moscow')).toBe('Europe/Moscow');
    expect(knownZone('', 'Europe/Moscow')).toBe('Europe/Moscow');
    expect(knownZone(null, 'Asia/Yekaterinburg')).toBe('Asia/Yekaterinburg');
    expect(serverFormat.knownTimeZone(undefined)).toBe('Europe/Moscow');
    expect(serverFormat.knownTimeZone('Asia/Kamchatka')).toBe('Asia/Kamchatka');
    // 23:30 UTC on 4 December is the 5th in Vladivostok (UTC+10).
    expect(formatDay(at('2026-12-04T23:30:00Z'), knownZone('Asia/Vladivostok', 'Europe/Moscow'))).toBe('05.12.2026');
  });

  test('a lead where its client is on screen: the subject, else how and when it came', () => {
    expect(leadTitle({ subject: '  Кровля на склад ' })).toBe('Кровля на склад');
    expect(leadTitle({ subject: null, channel: 'mail', createdAt: at('2026-11-20T20:30:00Z') })).toBe('письмо от 20.11.2026');
    expect(leadTitle({ channel: 'call', createdAt: at('2026-11-20T20:30:00Z'), lang: 'en' })).toBe('call of 20.11.2026');
    expect(leadName({ companyName: 'ООО Ромашка', subject: 'Кровля' })).toBe(`ООО Ромашка — ${leadTitle({ subject: 'Кровля' })}`);
  });

  test('server pages and page scripts use the very same functions', () => {
    expect(pageFormat.formatMoney).toBe(formatMoney);
    expect(serverFormat.formatRubles).toBe(formatMoney);
    expect(serverFormat.formatDate).toBe(formatDay);
    expect(serverFormat.formatDateTime).toBe(formatDayTime);
    expect(pageFormat.leadName).toBe(serverFormat.leadName);
    expect(pageFormat.formatPhoneRu).toBe(serverFormat.formatPhoneRu);
  });
});

describe('what a search query means', () => {
  test('identifiers: a whole ИНН, an e-mail, a phone typed any way (with «доб.» too)', () => {
    expect(searchIntent('770708389312')).toEqual({ kind: 'inn', inn: '770708389312' });
    expect(searchIntent('ИНН 7707083893')).toEqual({ kind: 'inn', inn: '7707083893', orPhone: '+77707083893' });
    expect(searchIntent('4951234567')).toEqual({ kind: 'inn', inn: '4951234567', orPhone: '+74951234567' });
    expect(searchIntent(' IVAN@Krovlya.ru ')).toEqual({ kind: 'email', email: 'ivan@krovlya.ru' });
    for (const q of ['+7 495 123-45-67', '8 (495) 1234567', '+7 (495) 123-45-67 доб. 204', 'Тел.: 8-495-123-45-67']) {
      expect(searchIntent(q)).toEqual({ kind: 'phone', e164: '+74951234567' });
    }
  });

  test('free text: word starts for the FTS index, fragments for the trigram index, folded like stored names', () => {
    expect(searchIntent('ООО «Ромашка» Трубы')).toEqual({
      kind: 'text',
      fts: '"ромашка"* "трубы"*',
      grams: '"ромашка" "трубы"',
      first: 'ромашка',
      digits: null,
    });
    expect(searchIntent('Ёлкина')).toMatchObject({ fts: '"елкина"*', grams: '"елкина"' });
    expect(searchIntent('romashka-truby')).toMatchObject({ kind: 'text', grams: '"romashka-truby"' });
  });

  test('digits: a run for ИНН and phone fragments; a number typed from 8 is also tried from 7', () => {
    expect(searchIntent('708389')).toMatchObject({ kind: 'text', grams: '"708389"', digits: '708389' });
    expect(searchIntent('123-45-67')).toMatchObject({ kind: 'text', grams: '"1234567"', digits: '1234567' });
    expect(searchIntent('8 495 123')).toMatchObject({ grams: '"8495123" OR "7495123"' });
    expect(gramsQuery('770')).toBeNull();
  });

  test('a word shorter than a trigram leaves the query to the word-start index', () => {
    expect(searchIntent('ИП Ли')).toMatchObject({ kind: 'text', fts: '"ли"*', grams: null });
    expect(searchIntent('иван п')).toMatchObject({ fts: '"иван"* "п"*', grams: null });
  });

  test('quotes are dropped as in stored names, so none can break out of an FTS phrase', () => {
    expect(gramsQuery('«Ромашка"Трубы')).toEqual({ query: '"ромашка" "трубы"', digits: null });
  });
});

describe('the menu', () => {
  const labels = (role: 'manager' | 'head' | 'admin', path: string) =>
    menuFor(role, path).map(({ entry, current }) => `${current ? '*' : ''}${MESSAGES[entry.label].ru}`);

  test('a manager sees no admin pages; the admin sees them; each role one current entry', () => {
    const manager = labels('manager', '/app/clients/101');
    expect(manager.filter((l) => l.startsWith('*'))).toEqual(['*Клиенты']);
    for (const admin of ['Синхронизация', 'Пользователи', 'Журнал доступа']) expect(manager).not.toContain(admin);
    expect(labels('admin', '/app/sync')).toEqual(expect.arrayContaining(['*Синхронизация', 'Пользователи', 'Журнал доступа']));
    // `/app` opens «Мой день»: that entry is current there.
    expect(labels('head', '/app').filter((l) => l.startsWith('*'))).toEqual(['*Мой день']);
    expect(labels('manager', '/app/clients/new').filter((l) => l.startsWith('*'))).toEqual(['*Новый клиент']);
    expect(labels('head', '/app/nowhere').filter((l) => l.startsWith('*'))).toEqual([]);
  });

  test('every entry has a Russian and an English label in the catalogue', () => {
    for (const e of MENU) expect(MESSAGES[e.label]).toEqual({ ru: expect.any(String), en: expect.any(String) });
  });
});

describe('the language of the pages', () => {
  test('Russian unless the user chose English', () => {
    expect(pageLang(undefined)).toBe('ru');
    expect(pageLang('session=abc; voronka_lang=en')).toBe('en');
    expect(pageLang('voronka_lang=de')).toBe('ru');
    expect(pageLang('xvoronka_lang=en')).toBe('ru');
  });
});
