import { addDays, mondayOf } from './scope';

/** A period preset of the report form: a label and the days it covers. */
export interface PeriodPreset {
  /** The label is the catalogue's `reports.preset.<id>` (platform/messages/reports.ts). */
  id: 'today' | 'week' | 'last-week' | 'month' | 'last-month' | 'quarter' | 'year';
  from: string;
  to: string;
}

const monthStart = (day: string) => `${day.slice(0, 7)}-01`;
const monthEnd = (day: string) => addDays(monthStart(addDays(monthStart(day), 31)), -1);

/**
 * The presets of the period, from `today` (YYYY-MM-DD, the Moscow day of the request's `now`, as the
 * reports count their periods): the current week, month, quarter and year run to their end, so a
 * link read later in the period names the same days; weeks start on Monday.
 */
export function periodPresets(today: string): PeriodPreset[] {
  const monday = mondayOf(today);
  const lastMonthEnd = addDays(monthStart(today), -1);
  const quarterFirstMonth = Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1;
  const quarterStart = `${today.slice(0, 4)}-${String(quarterFirstMonth).padStart(2, '0')}-01`;
  return [
    { id: 'today', from: today, to: today },
    { id: 'week', from: monday, to: addDays(monday, 6) },
    { id: 'last-week', from: addDays(monday, -7), to: addDays(monday, -1) },
    { id: 'month', from: monthStart(today), to: monthEnd(today) },
    { id: 'last-month', from: monthStart(lastMonthEnd), to: lastMonthEnd },
    { id: 'quarter', from: quarterStart, to: monthEnd(addDays(quarterStart, 62)) },
    { id: 'year', from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` },
  ];
}
