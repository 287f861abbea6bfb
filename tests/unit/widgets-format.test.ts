import {
  barWidth,
  formatAge,
  formatClock,
  formatCount,
  formatDue,
  formatMonth,
  formatPercentBp,
  formatPhone,
  formatRub,
} from '../../widgets/src/lib/format';

const NBSP = '\u00a0';
const MSK = 'Europe/Moscow';

describe('widget money', () => {
  it('writes kopecks as roubles the Russian way: grouped thousands, decimal comma, ₽', () => {
    expect(formatRub(308_456_839)).toBe(`3${NBSP}084${NBSP}568,39${NBSP}₽`);
    expect(formatRub(4_626_853)).toBe(`46${NBSP}268,53${NBSP}₽`);
    expect(formatRub(5)).toBe(`0,05${NBSP}₽`);
    expect(formatRub(0)).toBe(`0,00${NBSP}₽`);
  });

  it('keeps the sign of a month with more returns than sales', () => {
    expect(formatRub(-15_000_000)).toBe(`−150${NBSP}000,00${NBSP}₽`);
  });

  it('stays exact at the edge of safe integers, where dividing by 100 in floats would round', () => {
    expect(formatRub(Number.MAX_SAFE_INTEGER)).toBe(`90${NBSP}071${NBSP}992${NBSP}547${NBSP}409,91${NBSP}₽`);
    expect(formatRub(9_007_199_254_740_899)).toBe(`90${NBSP}071${NBSP}992${NBSP}547${NBSP}408,99${NBSP}₽`);
  });

  it('agrees with Intl’s own rouble format on ordinary sums', () => {
    const intl = new Intl.NumberFormat('ru-RU', { style: 'currency', currency: 'RUB' });
    for (const kopecks of [1, 99, 100, 123_456, 24_873_045, 1_000_000_00]) expect(formatRub(kopecks)).toBe(intl.format(kopecks / 100));
  });
});

describe('widget plan completion', () => {
  it('writes basis points as a percentage with two decimals', () => {
    expect(formatPercentBp(10_281)).toBe(`102,81${NBSP}%`);
    expect(formatPercentBp(7_999)).toBe(`79,99${NBSP}%`);
    expect(formatPercentBp(5)).toBe(`0,05${NBSP}%`);
    expect(formatPercentBp(null)).toBe('—');
  });

  it('fills the bar up to the plan and no further', () => {
    expect(barWidth(3_721)).toBe('37.21%');
    expect(barWidth(12_000)).toBe('100%');
    expect(barWidth(-200)).toBe('0%');
    expect(barWidth(null)).toBe('0%');
  });
});

describe('widget dates, ages and phones', () => {
  it('names the month in Russian', () => {
    expect(formatMonth('2026-11')).toBe('ноябрь 2026');
    expect(formatMonth('2027-01')).toBe('январь 2027');
  });

  it('shows clock times and due times in the viewer’s zone', () => {
    const at = Date.UTC(2026, 10, 20, 11, 5);
    expect(formatClock(at, MSK)).toBe('14:05');
    expect(formatDue(at, Date.UTC(2026, 10, 20, 6, 0), MSK)).toBe('14:05');
    expect(formatDue(at, Date.UTC(2026, 10, 19, 6, 0), MSK)).toBe('20.11, 14:05');
  });

  it('says how long a lead has been stuck in minutes, hours or days', () => {
    const now = Date.UTC(2026, 10, 20, 12, 0);
    expect(formatAge(now - 40 * 60_000, now)).toBe(`40${NBSP}мин`);
    expect(formatAge(now - 5 * 3_600_000, now)).toBe(`5${NBSP}ч`);
    expect(formatAge(now - 3 * 86_400_000 - 1, now)).toBe(`3${NBSP}дн.`);
  });

  it('groups a Russian phone for reading and leaves foreign ones as stored', () => {
    expect(formatPhone('+74951234567')).toBe(`+7${NBSP}495${NBSP}123-45-67`);
    expect(formatPhone('+380441234567')).toBe('+380441234567');
  });

  it('groups counts by thousands', () => {
    expect(formatCount(1_234_567)).toBe(`1${NBSP}234${NBSP}567`);
  });
});
