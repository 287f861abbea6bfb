/**
 * The date a webmail shows beside the open message, in the user's words → epoch ms, read in the
 * browser's time zone (the page wrote it in that zone). Pure: "now" is passed in, for the words that
 * are relative to it («Сегодня», «вчера», a weekday, a day without a year) and for the rule that a
 * mail is never dated after now. Null when the text cannot be read: the caller then sends no date.
 *
 * The forms, as each host renders them (sources in the adapters' header comments):
 * - Gmail, `span.g3[title]`: «чт, 26 нояб. 2026 г., 10:15»; English «Thu, Nov 26, 2026, 10:15 AM»,
 *   «Thu, Nov 26, 2026 at 10:15 AM», en-GB «Thu, 26 Nov 2026, 10:15»; its visible text «10:15 (2 часа назад)».
 * - Яндекс Почта, `.qa-MessageViewer-Header-date`: «26 ноября в 10:15» (this year), «26 ноября 2025 в 10:15»,
 *   «сегодня в 10:15», «вчера в 23:59»; older builds «26 ноя в 10:15».
 * - Mail.ru, `.letter__date`: «26 ноября, 10:15», «2 октября 2021, 00:00», «сегодня, 10:15», «вчера, 23:59».
 * - Outlook on the web, `[data-testid=SentReceivedSavedTime]`: «Чт 26.11.2026 10:15», en-US «Thu 11/26/2026 10:15 AM»,
 *   en-GB «Thu 26/11/2026 10:15».
 * - Roundcube: «2026-11-26 07:15» (its date_format), «26.11.2026 07:15», «Сегодня 07:15», «Чт 07:15», «07:15».
 */

/** A mail is never later than the page's clock, give or take a clock a few minutes fast. */
const AHEAD_MS = 5 * 60_000;

const MONTHS_RU = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS_RU = ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'];
const WEEKDAYS_RU_FULL = ['воскрес', 'понедел', 'вторник', 'сред', 'четверг', 'пятниц', 'суббот'];
const WEEKDAYS_EN = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** «ноября», «нояб», «ноя», «Nov», «November» → 10; «май»/«мая» but not «март»; null for any other word. */
export function monthOfWord(word: string): number | null {
  const w = word.toLowerCase();
  if (w.length < 3) return null;
  if (/^ма[йя]$/.test(w)) return 4;
  const ru = MONTHS_RU.findIndex((m, i) => i !== 4 && w.startsWith(m));
  if (ru >= 0) return ru;
  const en = MONTHS_EN.findIndex((m) => w.startsWith(m));
  return en >= 0 ? en : null;
}

/** «Чт», «чт,», «четверг», «Thu», «Thursday» at the start → 4; else null. */
function leadingWeekday(text: string): number | null {
  const word = /^([a-zа-яё]+)/u.exec(text)?.[1];
  if (!word) return null;
  if (word.length === 2) return WEEKDAYS_RU.indexOf(word) >= 0 ? WEEKDAYS_RU.indexOf(word) : null;
  const full = WEEKDAYS_RU_FULL.findIndex((d) => word.startsWith(d));
  if (full >= 0) return full;
  const en = WEEKDAYS_EN.findIndex((d) => word.startsWith(d));
  return en >= 0 ? en : null;
}

interface Clock {
  hour: number;
  minute: number;
  /** Written with AM/PM: a slashed date is then American, month first. */
  twelveHour: boolean;
}

/** «10:15», «10:15:42», «10:15 AM», «12:05 a.m.» → 24-hour clock; null when none or impossible. */
function readClock(text: string): { clock: Clock; rest: string } | null {
  const m = /(\d{1,2}):(\d{2})(?::\d{2})?(?:\s*([ap])\.?\s?m\b\.?)?/.exec(text);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = m[3];
  if (half) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  return {
    clock: { hour, minute, twelveHour: half !== undefined },
    rest: `${text.slice(0, m.index)} ${text.slice(m.index + m[0].length)}`,
  };
}

export function shownMailDate(text: string | null | undefined, now: number): number | null {
  // «10:15 (2 часа назад)»: the parenthesis restates the time relatively.
  const t = (text ?? '')
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!t) return null;
  const read = readClock(t);
  const clock = read?.clock ?? { hour: 0, minute: 0, twelveHour: false };
  const datePart = (read?.rest ?? t).replace(/\s+/g, ' ').trim();
  const today = new Date(now);
  const y = today.getFullYear();
  const mo = today.getMonth();
  const d = today.getDate();

  // A day counted back from today may be 0 or less (the month before); a day read off the page must exist.
  const at = (year: number, month: number, day: number, counted = false): number | null => {
    if (month < 0 || month > 11 || (!counted && (day < 1 || day > 31))) return null;
    const ms = new Date(year, month, day, clock.hour, clock.minute).getTime();
    return counted || new Date(ms).getDate() === day ? ms : null;
  };
  const notLater = (ms: number | null): number | null => (ms !== null && ms > now + AHEAD_MS ? null : ms);
  // A day shown without its year is the latest such day not after now.
  const yearless = (month: number, day: number): number | null => notLater(at(y, month, day)) ?? notLater(at(y - 1, month, day));
  const fullYear = (year: string): number => (year.length === 2 ? 2000 + Number(year) : Number(year));

  let m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(datePart);
  if (m) return notLater(at(Number(m[1]), Number(m[2]) - 1, Number(m[3])));

  m = /(\d{1,2})([./])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/.exec(datePart);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[3]), fullYear(m[4]!)];
    // Dots are day first (ru, de); slashes with AM/PM are American, month first; slashes on a 24-hour clock are British.
    const monthFirst = m[2] === '/' && clock.twelveHour;
    const [day, month] = monthFirst ? [b, a] : [a, b];
    return notLater(at(year, month - 1, day)) ?? (m[2] === '/' ? notLater(at(year, day - 1, month)) : null);
  }

  if (/сегодня|today/.test(datePart)) return notLater(at(y, mo, d));
  if (/вчера|yesterday/.test(datePart)) return at(y, mo, d - 1, true);

  // «26 ноября 2025», «26 нояб. 2026 г.», «26 Nov 2026»; then English «Nov 26, 2026».
  for (const found of datePart.matchAll(/(?<!\d)(\d{1,2})\s+([a-zа-яё]+)\.?,?(?:\s+(\d{4}))?/gu)) {
    const month = monthOfWord(found[2]!);
    if (month === null) continue;
    return found[3] ? notLater(at(Number(found[3]), month, Number(found[1]))) : yearless(month, Number(found[1]));
  }
  for (const found of datePart.matchAll(/([a-z]+)\.?\s+(\d{1,2})(?!\d)(?:,?\s+(\d{4}))?/g)) {
    const month = monthOfWord(found[1]!);
    if (month === null) continue;
    return found[3] ? notLater(at(Number(found[3]), month, Number(found[2]))) : yearless(month, Number(found[2]));
  }

  if (!read) return null;
  const weekday = leadingWeekday(datePart);
  if (weekday !== null) {
    const back = (today.getDay() - weekday + 7) % 7;
    return notLater(at(y, mo, d - back, true)) ?? at(y, mo, d - back - 7, true);
  }
  // A bare time is today's (Roundcube's list, a host showing today's mail by its time only).
  return datePart === '' ? notLater(at(y, mo, d)) : null;
}
