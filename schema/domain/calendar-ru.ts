/**
 * The Russian production calendar (производственный календарь) as data: Saturdays and Sundays are
 * days off unless listed as working, and the listed non-working days are off whatever the weekday.
 * Each year is a government decree, so the calendar is an input, not code.
 */
export interface ProductionCalendar {
  /** Public holidays and the days off moved onto weekdays ("YYYY-MM-DD"). */
  nonWorking: readonly string[];
  /** Saturdays or Sundays declared working by a transfer ("YYYY-MM-DD"). */
  working: readonly string[];
}

/**
 * 2026 — source: Трудовой кодекс РФ ст. 112 (8 March and 9 May fall on a weekend, so 9 March and 11 May
 * are off) and the government decree of 24.09.2025 «О переносе выходных дней в 2026 году» (3 January →
 * 9 January, 4 January → 31 December). No working Saturdays; 247 working days in the year.
 */
export const RU_PRODUCTION_CALENDAR_2026: ProductionCalendar = {
  nonWorking: [
    '2026-01-01',
    '2026-01-02',
    '2026-01-05',
    '2026-01-06',
    '2026-01-07',
    '2026-01-08',
    '2026-01-09',
    '2026-02-23',
    '2026-03-09',
    '2026-05-01',
    '2026-05-11',
    '2026-06-12',
    '2026-11-04',
    '2026-12-31',
  ],
  working: [],
};

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** "YYYY-MM" with a real month number. */
export function isMonth(value: string): boolean {
  return MONTH_RE.test(value);
}

/** The working days of a month ("YYYY-MM") by the calendar, in date order. */
export function workingDaysOfMonth(month: string, calendar: ProductionCalendar): string[] {
  const match = MONTH_RE.exec(month);
  if (!match) throw new RangeError(`Месяц должен быть в формате ГГГГ-ММ, получено «${month}» / Month must be YYYY-MM, got "${month}"`);
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1;
  const nonWorking = new Set(calendar.nonWorking);
  const working = new Set(calendar.working);
  const days: string[] = [];
  const length = new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
  for (let day = 1; day <= length; day++) {
    const iso = `${month}-${String(day).padStart(2, '0')}`;
    const weekday = new Date(Date.UTC(year, monthIndex, day)).getUTCDay();
    const weekend = weekday === 0 || weekday === 6;
    if (working.has(iso) || (!weekend && !nonWorking.has(iso))) days.push(iso);
  }
  return days;
}

/**
 * The calendar of a year as far as Voronka knows it: 2026 from the decree; any other year counts
 * Saturdays and Sundays only (a KPI target per working day is then a little stricter around
 * holidays) until its decree is added here.
 */
export function productionCalendar(year: number): ProductionCalendar {
  return year === 2026 ? RU_PRODUCTION_CALENDAR_2026 : { nonWorking: [], working: [] };
}
