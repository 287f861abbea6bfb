import { formatSpan } from '../../worker/src/platform/ru-format';
import { targetedNorm } from '../../worker/src/reports/calls';
import { periodPresets } from '../../worker/src/reports/periods';
import { toBasisPoints, toKopecks } from '../../pages/src/lib/money';

/** Issue 17's small pure parts: period presets, the norm of targeted calls, spans in hours, the rule form's numbers. */

const presets = (today: string) => Object.fromEntries(periodPresets(today).map((p) => [p.id, [p.from, p.to]]));

describe('period presets of the report form', () => {
  test('a Friday in November: weeks from Monday, months and the quarter to their end', () => {
    expect(presets('2026-11-20')).toEqual({
      today: ['2026-11-20', '2026-11-20'],
      week: ['2026-11-16', '2026-11-22'],
      'last-week': ['2026-11-09', '2026-11-15'],
      month: ['2026-11-01', '2026-11-30'],
      'last-month': ['2026-10-01', '2026-10-31'],
      quarter: ['2026-10-01', '2026-12-31'],
      year: ['2026-01-01', '2026-12-31'],
    });
  });

  test('a Sunday, 1 January and 1 March of a leap year: the edges', () => {
    expect(presets('2026-11-22').week).toEqual(['2026-11-16', '2026-11-22']);
    expect(presets('2027-01-01')).toMatchObject({
      week: ['2026-12-28', '2027-01-03'],
      'last-week': ['2026-12-21', '2026-12-27'],
      'last-month': ['2026-12-01', '2026-12-31'],
      quarter: ['2027-01-01', '2027-03-31'],
    });
    expect(presets('2028-03-01')).toMatchObject({ 'last-month': ['2028-02-01', '2028-02-29'], month: ['2028-03-01', '2028-03-31'] });
  });
});

describe('the norm of targeted calls from the pay rule', () => {
  const rule = (validFrom: string, target: number | null) => ({
    rule: JSON.stringify({
      validFrom,
      baseKopecks: 0,
      commissionBp: 0,
      kpis: target ? [{ kind: 'targeted_calls_per_working_day', target, amountKopecks: 100, mode: 'all_or_nothing' }] : [],
    }),
  });

  test('working days by the production calendar: 4 November is a holiday', () => {
    // 2–6 November 2026: Mon–Fri, but the 4th (День народного единства) is off → 4 days × 15.
    expect(targetedNorm([rule('2026-01', 15)], '2026-11-02', '2026-11-08')).toEqual({ calls: 60, days: 4, perDay: '15' });
  });

  test('each month by the rule version in force then; no KPI → no norm', () => {
    // 30 Nov (Mon) at 10, 1–4 Dec (Tue–Fri) at 20.
    expect(targetedNorm([rule('2026-01', 10), rule('2026-12', 20)], '2026-11-30', '2026-12-04')).toEqual({
      calls: 10 + 4 * 20,
      days: 5,
      perDay: '10/20',
    });
    expect(targetedNorm([rule('2026-01', null)], '2026-11-02', '2026-11-08')).toBeNull();
    expect(targetedNorm([], '2026-11-02', '2026-11-08')).toBeNull();
  });
});

test('spans in hours and minutes, never days', () => {
  expect(formatSpan(45, 'sec')).toBe('45 с');
  expect(formatSpan(7 * 60 + 20, 'sec')).toBe('7 мин');
  expect(formatSpan(21 * 3600 + 28 * 60, 'sec')).toBe('21 ч 28 мин');
  // What used to read «7 дн 16 ч».
  expect(formatSpan((7 * 24 + 16) * 60 + 5, 'min').replace(/\u00a0/g, ' ')).toBe('184 ч 05 мин');
  expect(formatSpan(365 * 24 * 60, 'min').replace(/\u00a0/g, ' ')).toBe('8 760 ч 00 мин');
  expect(formatSpan(null, 'min')).toBe('—');
});

test('the rule form reads roubles and percent as people type them', () => {
  expect(toKopecks('40 000')).toBe(4_000_000);
  expect(toKopecks('1\u00a0500,5 ₽')).toBe(150_050);
  expect(toKopecks('12,345')).toBeNull();
  expect(toBasisPoints('1,5')).toBe(150);
  expect(toBasisPoints('80 %')).toBe(8000);
  expect(toBasisPoints('пять')).toBeNull();
});
