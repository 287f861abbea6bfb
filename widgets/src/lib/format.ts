/**
 * Russian renderings for the widgets. Money arrives in integer kopecks and stays integer: the
 * rouble part is split off with `%` (exact on safe integers), never by float division.
 */
const NBSP = '\u00a0';
const dayFormat = new Intl.DateTimeFormat('ru-RU', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const monthFormat = new Intl.DateTimeFormat('ru-RU', { month: 'long', timeZone: 'UTC' });
const groupFormat = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/** "2026-11-20" (the manager's local date, as the server sends it) → «пятница, 20 ноября». */
export function formatDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return y && m && d ? dayFormat.format(Date.UTC(y, m - 1, d)) : isoDate;
}

/** "2026-11" → «ноябрь 2026». */
export function formatMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return y && m ? `${monthFormat.format(Date.UTC(y, m - 1, 1))} ${y}` : month;
}

/** Digits grouped by thousands with no-break spaces, as ru-RU writes them: 1 234 567. */
export function formatCount(value: number): string {
  return groupFormat.format(value);
}

/** 123456789 kopecks → «1 234 567,89 ₽»; integer arithmetic only. */
export function formatRub(kopecks: number): string {
  const sign = kopecks < 0 ? '−' : '';
  const abs = Math.abs(Math.trunc(kopecks));
  const cents = abs % 100;
  return `${sign}${formatCount((abs - cents) / 100)},${String(cents).padStart(2, '0')}${NBSP}₽`;
}

/** Basis points → «102,81 %» (10 000 bp = 100 %); null → «—». */
export function formatPercentBp(bp: number | null): string {
  if (bp === null) return '—';
  const abs = Math.abs(Math.trunc(bp));
  const rest = abs % 100;
  return `${bp < 0 ? '−' : ''}${formatCount((abs - rest) / 100)},${String(rest).padStart(2, '0')}${NBSP}%`;
}

/** Width of a completion bar in CSS percent, 0–100 (a plan beaten shows a full bar). */
export function barWidth(bp: number | null): string {
  return `${Math.min(10_000, Math.max(0, bp ?? 0)) / 100}%`;
}

/** «14:05» in the viewer's zone (or the one given, for tests). */
export function formatClock(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit', timeZone }).format(ms);
}

/** «14:05» when `ms` falls on the same local day as `now`, else «21.11, 14:05». */
export function formatDue(ms: number, now: number, timeZone?: string): string {
  const day = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', timeZone });
  const clock = formatClock(ms, timeZone);
  return day.format(ms) === day.format(now) ? clock : `${day.format(ms)}, ${clock}`;
}

/** How long something has waited: «40 мин», «5 ч», «3 дн.». */
export function formatAge(since: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  if (minutes < 60) return `${minutes}${NBSP}мин`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}${NBSP}ч`;
  return `${Math.floor(hours / 24)}${NBSP}дн.`;
}

/**
 * +74951234567 → «+7 495 123-45-67»; other numbers are shown as stored. The same rule as the extension's
 * formatPhoneRu (schema/domain/phone-format.ts), written here again: importing it costs month.js 9 bytes of
 * its 10 KB gzip budget, which it does not have (10 239 of 10 240).
 */
export function formatPhone(e164: string): string {
  const ru = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return ru ? `+7${NBSP}${ru[1]}${NBSP}${ru[2]}-${ru[3]}-${ru[4]}` : e164;
}
