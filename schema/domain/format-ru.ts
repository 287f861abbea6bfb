/**
 * One Russian format for the server pages and the page scripts alike (worker/src/platform/ru-format.ts
 * and pages/src/lib/format.ts re-export these): dates dd.mm.yyyy, months «декабрь 2026», money
 * «1 234 567,89 ₽», phones «+7 495 123-45-67» (phone-format.ts), leads named by client and subject.
 * No-break spaces inside a number or a date keep it on one line. Names are shown as stored: never put
 * into a grammatical case.
 */
import type { LeadChannel } from './lead-channels';
import { formatPhoneRu } from './phone-format';

export { formatPhoneRu };

const NBSP = '\u00a0';
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function memo<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let f = cache.get(key) as T | undefined;
  if (!f) cache.set(key, (f = make()));
  return f;
}

const dayFormat = (timeZone: string) =>
  memo(`d:${timeZone}`, () => new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }));

/**
 * `zone` when Intl accepts it, else `fallback`. The check builds the day format formatDay then uses,
 * kept in the one cache (an accepted zone is checked once — «Мой день» names each of a head's 100
 * rows' leads in its region's zone; a formatter costs ~0.3 ms to build). Only accepted zones are
 * kept, and there are some 600 of them: the cache cannot be grown by bad input.
 */
export function knownZone(zone: string | null | undefined, fallback: string): string {
  if (!zone) return fallback;
  try {
    dayFormat(zone);
    return zone;
  } catch {
    return fallback;
  }
}

/** 05.12.2026: an instant as a day in the viewer's zone. */
export function formatDay(ms: number, timeZone: string): string {
  return dayFormat(timeZone).format(ms);
}

/** 05.12.2026, 14:05 */
export function formatDayTime(ms: number, timeZone: string): string {
  return memo(
    `dt:${timeZone}`,
    () =>
      new Intl.DateTimeFormat('ru-RU', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
  ).format(ms);
}

/** A calendar date written as ISO (2026-12-05, or the date part of 2026-12-05T10:00) → 05.12.2026; anything else as it is. */
export function formatIsoDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** A period of calendar days: «01.12.2026 — 31.12.2026», one day as one date. */
export function formatIsoPeriod(from: string, to: string): string {
  return from === to ? formatIsoDate(from) : `${formatIsoDate(from)}${NBSP}— ${formatIsoDate(to)}`;
}

export const MONTHS_RU = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
] as const;

export const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** The interface's two languages (the same as platform/messages/text.ts; schema/ imports nothing from the worker). */
export type FormatLang = 'ru' | 'en';

/**
 * «декабрь 2026» for 2026-12 (a month as a name on its own: nominative, no «г.»), «December 2026» in
 * English; anything else as it is.
 */
export function formatMonth(yyyyMm: string, lang: FormatLang = 'ru'): string {
  const m = /^(\d{4})-(\d{2})$/.exec(yyyyMm);
  const name = m ? (lang === 'en' ? MONTHS_EN : MONTHS_RU)[Number(m[2]) - 1] : undefined;
  return m && name ? `${name}${NBSP}${m[1]}` : yyyyMm;
}

/** «Декабрь 2026» at the start of a title or a heading. */
export function formatMonthTitle(yyyyMm: string, lang: FormatLang = 'ru'): string {
  const s = formatMonth(yyyyMm, lang);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Which form a count takes: Russian one (1, 21, 101), few (2–4, 22–24) or many (5–20, 11–14, 0);
 * English one (1) or many. The words themselves are the catalogue's (`….one`, `….few`, `….many`).
 */
export function pluralForm(n: number, lang: FormatLang = 'ru'): 'one' | 'few' | 'many' {
  const abs = Math.abs(Math.trunc(n));
  if (lang === 'en') return abs === 1 ? 'one' : 'many';
  if (abs % 10 === 1 && abs % 100 !== 11) return 'one';
  return abs % 10 >= 2 && abs % 10 <= 4 && (abs % 100 < 12 || abs % 100 > 14) ? 'few' : 'many';
}

const SPAN_UNITS: Readonly<Record<FormatLang, { s: string; min: string; h: string }>> = {
  ru: { s: 'с', min: 'мин', h: 'ч' },
  en: { s: 's', min: 'min', h: 'h' },
};

/**
 * A span of time in a report (talk time, time in a stage), minutes or seconds, in hours and minutes:
 * «45 с», «7 мин», «21 ч 28 мин», «184 ч 05 мин» (English «21 h 28 min») — never days, so spans
 * compare at a glance. Hours are grouped as the rest of the interface groups numbers (8 760).
 */
export function formatSpan(value: number | null, unit: 'sec' | 'min', lang: FormatLang = 'ru'): string {
  if (value === null) return '—';
  const u = SPAN_UNITS[lang];
  if (unit === 'sec' && value < 60) return `${Math.max(0, Math.round(value))} ${u.s}`;
  const minutes = Math.max(0, unit === 'sec' ? Math.round(value / 60) : Math.round(value));
  if (minutes < 60) return `${minutes} ${u.min}`;
  const hours = memo('span-hours', () => new Intl.NumberFormat('ru-RU')).format(Math.floor(minutes / 60));
  return `${hours} ${u.h} ${String(minutes % 60).padStart(2, '0')} ${u.min}`;
}

/** 1 234 567,89 ₽ from kopecks (no-break spaces; kopecks always shown, as on an invoice). */
export function formatMoney(kopecks: number): string {
  return memo('rub', () => new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' })).format(kopecks / 100);
}

/** 1 234 567 ₽ for figures where kopecks are noise (report totals, charts). */
export function formatMoneyWhole(kopecks: number): string {
  return memo('rub0', () => new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB', maximumFractionDigits: 0 })).format(
    Math.round(kopecks / 100),
  );
}

/**
 * A phone as stored (E.164) with its extension: «+7 495 123-45-67 доб. 204», in English «… ext. 204»
 * (phone-text.ts reads both back when the number is edited).
 */
export function formatPhoneWithExtension(e164: string, extension?: string | null, lang: FormatLang = 'ru'): string {
  return extension ? `${formatPhoneRu(e164)} ${lang === 'en' ? 'ext.' : 'доб.'}${NBSP}${extension}` : formatPhoneRu(e164);
}

/** A lead without a subject is named by what started it. */
const LEAD_ORIGIN_RU: Readonly<Record<LeadChannel, string>> = {
  call: 'звонок',
  mail: 'письмо',
  onec: 'заказ из 1С',
  manual: 'интерес',
  import: 'интерес из импорта',
  web: 'заявка с сайта',
};
const LEAD_ORIGIN_EN: Readonly<Record<LeadChannel, string>> = {
  call: 'call',
  mail: 'mail',
  onec: '1C order',
  manual: 'lead',
  import: 'imported lead',
  web: 'web enquiry',
};

export interface LeadNameParts {
  /** The client's name as stored («ООО Ромашка»). */
  companyName: string;
  /** What the lead is about («поставка труб»), when someone wrote it. */
  subject?: string | null;
  /** Without a subject: how it came and when, so two leads of one client still differ. */
  channel?: LeadChannel | string | null;
  createdAt?: number | null;
  timeZone?: string;
  /** The words around the data (Russian by default): «звонок от …» / «call of …». */
  lang?: FormatLang;
}

/**
 * How a lead is named wherever it is shown: «ООО Ромашка — поставка труб»; without a subject
 * «ООО Ромашка — звонок от 05.12.2026» — never «Интерес №1360068610».
 */
export function leadName(lead: LeadNameParts): string {
  return `${lead.companyName} — ${leadTitle(lead)}`;
}

/**
 * A lead named where its client is already on screen (the extension's card): the subject, else
 * «звонок от 05.12.2026» — what follows the dash in leadName.
 */
export function leadTitle(lead: Omit<LeadNameParts, 'companyName'>): string {
  const subject = lead.subject?.trim();
  if (subject) return subject;
  const en = lead.lang === 'en';
  const how = (lead.channel && (en ? LEAD_ORIGIN_EN : LEAD_ORIGIN_RU)[lead.channel as LeadChannel]) || (en ? 'lead' : 'интерес');
  const when = lead.createdAt != null ? ` ${en ? 'of' : 'от'} ${formatDay(lead.createdAt, lead.timeZone ?? 'Europe/Moscow')}` : '';
  return `${how}${when}`;
}
