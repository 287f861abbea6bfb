import { monthOfWord, shownMailDate } from '../../extension/src/hosts/date-text';

// The page writes dates in the browser's zone and the parser reads them in it: expectations are built
// in the same zone, whatever TZ the run has. "Now" is always passed in, never read.
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).getTime();
// Thursday 26 November 2026, 12:00 local.
const NOW = local(2026, 11, 26, 12, 0);
// Saturday 2 January 2027, 09:00 local: «вчера» and a December day without a year are last year's.
const NEW_YEAR = local(2027, 1, 2, 9, 0);

describe('the date a webmail shows beside the open message', () => {
  test.each([
    // Gmail: span.g3's title, Russian and English interfaces, and its visible text.
    ['Gmail ru title', 'чт, 26 нояб. 2026 г., 10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['Gmail ru title, May (no abbreviation)', 'вт, 5 мая 2026 г., 08:30', NOW, local(2026, 5, 5, 8, 30)],
    ['Gmail ru title, March is not May', 'пн, 2 мар. 2026 г., 08:30', NOW, local(2026, 3, 2, 8, 30)],
    ['Gmail en-US title', 'Thu, Nov 26, 2026, 10:15 AM', NOW, local(2026, 11, 26, 10, 15)],
    ['Gmail en-US title, afternoon', 'Wed, Nov 25, 2026, 2:03 PM', NOW, local(2026, 11, 25, 14, 3)],
    ['Gmail en-US, older «at»', 'Thu, Nov 26, 2026 at 12:05 AM', NOW, local(2026, 11, 26, 0, 5)],
    ['Gmail en-GB title', 'Thu, 26 Nov 2026, 10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['Gmail visible text today', '10:15 (1 час назад)', NOW, local(2026, 11, 26, 10, 15)],
    ['Gmail en-US without a year (this year)', 'Nov 20, 10:15 AM', NOW, local(2026, 11, 20, 10, 15)],
    // Yandex Mail: .qa-MessageViewer-Header-date.
    ['Yandex this year', '26 ноября в 10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['Yandex an earlier year', '26 ноября 2025 в 10:15', NOW, local(2025, 11, 26, 10, 15)],
    ['Yandex today', 'сегодня в 10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['Yandex yesterday', 'вчера в 23:59', NOW, local(2026, 11, 25, 23, 59)],
    ['Yandex older builds', '26 ноя в 10:15', NOW, local(2026, 11, 26, 10, 15)],
    // Mail.ru: .letter__date.
    ['Mail.ru this year', '26 ноября, 10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['Mail.ru an earlier year', '2 октября 2021, 00:00', NOW, local(2021, 10, 2, 0, 0)],
    ['Mail.ru today', 'Сегодня, 10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['Mail.ru yesterday', 'вчера, 18:40', NOW, local(2026, 11, 25, 18, 40)],
    // Outlook on the web: [data-testid=SentReceivedSavedTime].
    ['Outlook ru', 'Чт 26.11.2026 10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['Outlook en-US: month first with AM/PM', 'Thu 11/5/2026 3:04 PM', NOW, local(2026, 11, 5, 15, 4)],
    ['Outlook en-GB: day first on a 24-hour clock', 'Thu 05/11/2026 15:04', NOW, local(2026, 11, 5, 15, 4)],
    // Roundcube.
    ['Roundcube this week', 'Чт 07:15', NOW, local(2026, 11, 26, 7, 15)],
    ['Roundcube, a weekday before today', 'Пн 09:40', NOW, local(2026, 11, 23, 9, 40)],
    ['Roundcube, today’s weekday later than now is last week', 'Чт 18:00', NOW, local(2026, 11, 19, 18, 0)],
    ['Roundcube, a full weekday', 'понедельник 09:40', NOW, local(2026, 11, 23, 9, 40)],
    ['Roundcube today', 'Сегодня 10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['Roundcube date_format Y-m-d', '2026-11-20 05:15', NOW, local(2026, 11, 20, 5, 15)],
    ['Roundcube d.m.Y', '20.11.2026 05:15', NOW, local(2026, 11, 20, 5, 15)],
    ['two-digit year', '20.11.26 05:15', NOW, local(2026, 11, 20, 5, 15)],
    ['a bare time is today', '10:15', NOW, local(2026, 11, 26, 10, 15)],
    ['a December day without a year, read in November, is last December', '3 декабря, 09:00', NOW, local(2025, 12, 3, 9, 0)],
    ['no-break spaces as the page writes them', '26\u00a0ноября\u00a02025,\u00a010:15', NOW, local(2025, 11, 26, 10, 15)],
    // Relative to «now»: read on 2 January 2027.
    ['a December day without a year, read in January, is last December', '30 декабря, 09:00', NEW_YEAR, local(2026, 12, 30, 9, 0)],
    ['a day without a year later than today is last year’s', '3 февраля в 09:00', NEW_YEAR, local(2026, 2, 3, 9, 0)],
    ['yesterday across the new year', 'вчера в 23:59', NEW_YEAR, local(2027, 1, 1, 23, 59)],
    ['yesterday on the 2nd of the month is the 1st', 'Yesterday, 8:00 AM', NEW_YEAR, local(2027, 1, 1, 8, 0)],
    ['a weekday across the new year', 'Чт 10:00', NEW_YEAR, local(2026, 12, 31, 10, 0)],
  ])('%s: «%s»', (_case, text, now, expected) => {
    expect(shownMailDate(text, now)).toBe(expected);
  });

  test('what it cannot read, or a date after now, is null: the caller then sends no date', () => {
    for (const text of [
      null,
      undefined,
      '',
      'недавно',
      '2 часа назад',
      '2026-12-20 05:15', // after now
      '27 ноября 2026, 10:15', // after now, with its year: not moved back a year
      'сегодня в 18:00', // later today than now
      '31.02.2026 10:00', // no such day
      '31 июня, 10:00',
      'Чт 25:15',
      '13:15 PM',
    ])
      expect([text, shownMailDate(text, NOW)]).toEqual([text, null]);
    // A day without a time is still a date: at midnight.
    expect(shownMailDate('26 ноября', NOW)).toBe(local(2026, 11, 26, 0, 0));
  });

  test('a clock a few minutes fast is allowed for, not more', () => {
    expect(shownMailDate('сегодня в 12:04', NOW)).toBe(local(2026, 11, 26, 12, 4));
    expect(shownMailDate('сегодня в 12:06', NOW)).toBeNull();
  });

  test('month words: Russian full, genitive and abbreviated, English; other words are not months', () => {
    expect(['января', 'фев', 'марта', 'апр.', 'май', 'мая', 'июня', 'июл', 'авг', 'сент', 'окт', 'нояб', 'дек'].map(monthOfWord)).toEqual([
      0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 9, 10, 11,
    ]);
    expect(['January', 'Sept', 'Dec'].map(monthOfWord)).toEqual([0, 8, 11]);
    expect(['в', 'at', 'thu', 'чт', 'мам', 'mon', 'г'].map(monthOfWord)).toEqual([null, null, null, null, null, null, null]);
  });
});
