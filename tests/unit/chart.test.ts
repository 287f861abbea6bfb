import { DOMParser } from '@xmldom/xmldom';
import { formatRubles } from '../../worker/src/platform/ru-format';
import { CHART_NO_DATA, barChart, labelStep, lineChart, niceTicks, type ChartInput } from '../../worker/src/platform/chart';

/** The marks an end-to-end test would read: one per bar or point, from the data attributes. */
function marks(html: string): { series: string; category: string; value: number }[] {
  return [...html.matchAll(/<(?:rect|circle) [^>]*data-series="([^"]*)" data-category="([^"]*)" data-value="([^"]*)"/g)].map((m) => ({
    series: m[1]!,
    category: m[2]!,
    value: Number(m[3]),
  }));
}
const tickLabels = (html: string) =>
  [...(/<g class="chart-y"[^>]*>(.*?)<\/g>/.exec(html)?.[1] ?? '').matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const shownCategories = (html: string) => [...html.matchAll(/data-label="(\d+)">/g)].map((m) => Number(m[1]));

/** Well-formed XML, so the SVG parses the same in a browser and in print. */
function parses(html: string): boolean {
  const errors: string[] = [];
  new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(html, 'text/xml');
  return errors.length === 0;
}

const months = ['янв', 'фев', 'мар', 'апр'];
const revenue: ChartInput = {
  title: 'Выручка по месяцам',
  categories: months,
  series: [
    { name: 'Иванова', values: [100, 250, 0, 400] },
    { name: 'Петров', values: [50, 50, 75, 25], color: '#0b3d91' },
  ],
};

describe('barChart', () => {
  test('draws one bar per series and category, carrying its series, category and value', () => {
    const html = barChart(revenue);
    expect(parses(html)).toBe(true);
    expect(html).toMatch(/^<figure class="chart" data-testid="chart" data-chart="bar"/);
    expect(marks(html)).toEqual([
      { series: 'Иванова', category: 'янв', value: 100 },
      { series: 'Петров', category: 'янв', value: 50 },
      { series: 'Иванова', category: 'фев', value: 250 },
      { series: 'Петров', category: 'фев', value: 50 },
      { series: 'Иванова', category: 'мар', value: 0 },
      { series: 'Петров', category: 'мар', value: 75 },
      { series: 'Иванова', category: 'апр', value: 400 },
      { series: 'Петров', category: 'апр', value: 25 },
    ]);
    expect(html).toContain('fill="#0b3d91" data-series="Петров"');
    expect(html).toContain('fill="#1f6feb" data-series="Иванова"');
  });

  test('is an accessible, responsive image: role, title, a text summary and a legend', () => {
    const html = barChart({ ...revenue, format: formatRubles });
    expect(html).toMatch(/<svg [^>]*viewBox="0 0 800 300" width="100%"[^>]*role="img"/);
    expect(html).toContain('<title>Выручка по месяцам</title>');
    const desc = /<desc>(.*?)<\/desc>/.exec(html)?.[1];
    expect(desc).toBe(
      `Столбчатая диаграмма: 4 категории, от «янв» до «апр». Иванова: минимум ${formatRubles(0)} (мар), максимум ${formatRubles(400)} (апр). ` +
        `Петров: минимум ${formatRubles(25)} (апр), максимум ${formatRubles(75)} (мар).`,
    );
    expect(html).toMatch(/<g class="chart-legend"[^>]*>.*>Иванова<\/text>.*>Петров<\/text>/);
  });

  test('names as categories or series are marked translate="no"; words are not', () => {
    const legend = (html: string) =>
      [...html.matchAll(/<text [^>]*?(translate="no")?>(Иванова|Петров)<\/text>/g)].map((m) => [m[2], m[1] ?? '']);
    const labels = (html: string) =>
      [...html.matchAll(/data-label="\d+"( translate="no")?>([^<]*)</g)].map((m) => [m[2], m[1] ? 'no' : '']);
    expect(legend(barChart(revenue))).toEqual([
      ['Иванова', ''],
      ['Петров', ''],
    ]);
    expect(labels(barChart(revenue)).map(([, keep]) => keep)).toEqual(['', '', '', '']);
    const named = barChart({ ...revenue, seriesAreData: true, categoriesAreData: true });
    expect(parses(named)).toBe(true);
    expect(legend(named)).toEqual([
      ['Иванова', 'translate="no"'],
      ['Петров', 'translate="no"'],
    ]);
    expect(labels(named)).toEqual(months.map((m) => [m, 'no']));
  });

  test('stacked bars sit on each other, so the axis reaches the largest sum', () => {
    const html = barChart({ ...revenue, stacked: true });
    expect(marks(html)).toHaveLength(8);
    expect(tickLabels(html)).toEqual(['0', '100', '200', '300', '400', '500']); // апр: 400 + 25
    const ys = [...html.matchAll(/<rect x="([\d.]+)" y="([\d.]+)" width="[\d.]+" height="([\d.]+)"[^>]*data-category="янв"/g)].map((m) => ({
      x: Number(m[1]),
      top: Number(m[2]),
      bottom: Number(m[2]) + Number(m[3]),
    }));
    expect(ys[0]!.x).toBe(ys[1]!.x);
    expect(ys[1]!.bottom).toBeCloseTo(ys[0]!.top, 1);
  });

  test('negative values draw below a zero line and the axis takes them in', () => {
    const html = barChart({ title: 'Сальдо', categories: ['a', 'b'], series: [{ name: 's', values: [-30, 70] }] });
    expect(tickLabels(html)).toEqual(['-50', '-25', '0', '25', '50', '75']);
    const bars = [...html.matchAll(/<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" fill="[^"]*" data-series/g)].map((m) => [
      Number(m[1]),
      Number(m[1]) + Number(m[2]),
    ]);
    const zero = Number(/<line [^>]*y1="([\d.]+)"[^>]*stroke="#b8c0cc"/.exec(html)?.[1]);
    expect(bars[0]![0]).toBeCloseTo(zero, 1); // -30 hangs from the zero line
    expect(bars[1]![1]).toBeCloseTo(zero, 1); // 70 stands on it
  });

  test('a malicious series name or category is escaped everywhere and keeps the markup intact', () => {
    const evil = '<script>alert("x")</script>&\'';
    const html = barChart({
      title: `Отчёт ${evil}`,
      categories: [evil, 'b'],
      series: [{ name: evil, values: [1, 2], color: 'red" onload="alert(1)' }],
    });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('onload');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    expect(parses(html)).toBe(true);
    expect(marks(html).map((m) => m.series)).toEqual([
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;',
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;',
    ]);
  });

  test.each([
    ['no categories', { categories: [], series: [{ name: 's', values: [] }] }],
    ['no series', { categories: ['a'], series: [] }],
    ['only missing values', { categories: ['a', 'b'], series: [{ name: 's', values: [Number.NaN] }] }],
  ])('with %s it says «Нет данных за период» instead of drawing an empty chart', (_, data) => {
    const html = barChart({ title: 'Звонки', ...data });
    expect(html).toContain(CHART_NO_DATA);
    expect(html).toContain('data-testid="chart"');
    expect(html).toContain('data-empty="true"');
    expect(html).not.toContain('<svg');
    expect(lineChart({ title: 'Звонки', ...data })).toContain(CHART_NO_DATA);
  });

  test('all-zero data is data: the bars are drawn at zero on a 0…3 axis', () => {
    const html = barChart({ title: 'Звонки', categories: ['a', 'b'], series: [{ name: 's', values: [0, 0] }] });
    expect(marks(html).map((m) => m.value)).toEqual([0, 0]);
    expect(tickLabels(html)).toEqual(['0', '1', '2', '3']);
  });
});

describe('lineChart', () => {
  test('draws one point per value and breaks the line where a value is missing', () => {
    const html = lineChart({
      title: 'Звонки',
      categories: ['1', '2', '3', '4'],
      series: [{ name: 'Входящие', values: [3, Number.NaN, 5, 7] }],
    });
    expect(parses(html)).toBe(true);
    expect(html).toContain('data-chart="line"');
    expect(marks(html)).toEqual([
      { series: 'Входящие', category: '1', value: 3 },
      { series: 'Входящие', category: '3', value: 5 },
      { series: 'Входящие', category: '4', value: 7 },
    ]);
    const d = /<path d="([^"]*)"/.exec(html)?.[1] ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(1);
  });

  test('stacked lines draw running sums while each point keeps its own value', () => {
    const html = lineChart({ ...revenue, stacked: true });
    expect(
      marks(html)
        .filter((m) => m.series === 'Петров')
        .map((m) => m.value),
    ).toEqual([50, 50, 75, 25]);
    const cy = (series: string, category: string) =>
      Number(new RegExp(`cy="([\\d.]+)"[^>]*data-series="${series}" data-category="${category}"`).exec(html)?.[1]);
    expect(cy('Петров', 'апр')).toBeLessThan(cy('Иванова', 'апр')); // 425 is drawn above 400
  });

  test('365 days get a point each but only as many labels as fit, evenly spaced', () => {
    const start = Date.UTC(2025, 0, 1);
    const categories = Array.from({ length: 365 }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
    const html = lineChart({ title: 'Звонки за год', categories, series: [{ name: 'Звонки', values: categories.map((_, i) => i % 50) }] });
    expect(marks(html)).toHaveLength(365);
    const shown = shownCategories(html);
    expect(shown.length).toBeGreaterThanOrEqual(5);
    expect(shown.length).toBeLessThanOrEqual(10);
    const steps = new Set(shown.slice(1).map((i, k) => i - shown[k]!));
    expect(steps.size).toBe(1);
    expect(shown[0]).toBe(0);
  });
});

describe('axis ticks', () => {
  test.each([
    [0, 7, true, [0, 2, 4, 6, 8]],
    [0, 10, true, [0, 2, 4, 6, 8, 10]],
    [0, 1234, true, [0, 250, 500, 750, 1000, 1250]],
    [0, 98765432, true, [0, 20000000, 40000000, 60000000, 80000000, 100000000]],
    [0, 1, true, [0, 1, 2, 3]],
    [0, 1, false, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [0, 0.3, false, [0, 0.1, 0.2, 0.3]],
    [-30, 70, true, [-50, -25, 0, 25, 50, 75]],
    [0, 0, true, [0, 1, 2, 3]],
  ])('%p…%p (integer data: %p) → %p', (min, max, integer, expected) => {
    const ticks = niceTicks(min, max, integer);
    expect(ticks).toEqual(expected);
    expect(ticks.length).toBeGreaterThanOrEqual(4);
    expect(ticks.length).toBeLessThanOrEqual(6);
    expect(ticks[0]).toBeLessThanOrEqual(Math.min(0, min));
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
  });

  test('kopecks up to 987 654,32 ₽ get round rouble ticks in the money format', () => {
    const html = barChart({
      title: 'Выручка',
      categories: ['a', 'b'],
      series: [{ name: 'Выручка', values: [98765432, 1234] }],
      format: formatRubles,
    });
    expect(tickLabels(html)).toEqual([0, 200000, 400000, 600000, 800000, 1000000].map((r) => formatRubles(r * 100)));
  });

  test('0…7 and 0…1234 are labelled with plain Russian numbers', () => {
    expect(tickLabels(barChart({ title: 't', categories: ['a'], series: [{ name: 's', values: [7] }] }))).toEqual([
      '0',
      '2',
      '4',
      '6',
      '8',
    ]);
    expect(tickLabels(barChart({ title: 't', categories: ['a'], series: [{ name: 's', values: [1234] }] }))).toEqual([
      '0',
      '250',
      '500',
      '750',
      '1\u00a0000',
      '1\u00a0250',
    ]);
  });

  test('labelStep shows every label when they fit and thins them when they do not', () => {
    expect(labelStep(12, 700, 3)).toBe(1);
    expect(labelStep(365, 700, 10)).toBeGreaterThanOrEqual(40);
  });
});
