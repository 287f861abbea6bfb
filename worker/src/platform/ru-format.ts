/**
 * Russian renderings shared by the pages and the exports: dates in the viewer's zone, money from
 * kopecks, call durations, company statuses. Intl does the locale work (workerd ships full ICU).
 */
import { formatDay, formatDayTime, formatMoney, knownZone } from '../../../schema/domain/format-ru';

/** The one format shared with the page scripts (pages/src/lib/format.ts): docs/workspace.md. */
export {
  formatIsoDate,
  formatIsoPeriod,
  formatMoneyWhole,
  formatMonth,
  formatMonthTitle,
  formatPhoneRu,
  formatPhoneWithExtension,
  formatSpan,
  leadName,
  pluralForm,
} from '../../../schema/domain/format-ru';

export const DEFAULT_TIME_ZONE = 'Europe/Moscow';

export const COMPANY_STATUS_RU = { prospect: 'потенциальный', client: 'клиент' } as const;

/** An IANA zone Intl accepts; anything else falls back to Moscow time (format-ru knownTimeZone). */
export function knownTimeZone(zone: string | null | undefined): string {
  return knownZone(zone, DEFAULT_TIME_ZONE);
}

/** 20.11.2026 */
export const formatDate = formatDay;

/** 20.11.2026, 12:05 */
export const formatDateTime = formatDayTime;

/** 12 345,67 ₽ (with the no-break spaces ru-RU uses). */
export const formatRubles = formatMoney;

/** A call's length as mm:ss; minutes run past 59 rather than switching format mid-list. */
export function formatCallDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
