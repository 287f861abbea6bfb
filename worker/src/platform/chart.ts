/**
 * Server-rendered SVG charts for the report pages: no script, they scale with the page and print.
 * Every bar and point carries data-series / data-category / data-value, so tests read what is drawn.
 */

export interface ChartSeries {
  name: string;
  /** One value per category; a missing or non-finite value draws nothing (a gap in a line). */
  values: number[];
  /** A hex colour (#1f6feb); by default the next one from CHART_PALETTE. */
  color?: string;
}

export interface ChartInput {
  categories: string[];
  series: ChartSeries[];
  /** Bars stack on each other; lines show running sums of the series (data-value stays the series' own). */
  stacked?: boolean;
  /** Axis, tooltip and summary text of a value (formatRubles for kopecks); default: ru-RU number. */
  format?: (n: number) => string;
  title: string;
  /** Height of the drawing in viewBox units (width is 800 and scales to the container); default 300. */
  height?: number;
  /** The chart's own words in the page's language (from the catalogue); default Russian. */
  words?: ChartWords;
  /**
   * The categories (clients) or the series (managers) are names — data, shown as stored in either
   * language: their labels are marked `translate="no"` so a browser's translator leaves them alone.
   */
  categoriesAreData?: boolean;
  seriesAreData?: boolean;
}

const keep = (data: boolean | undefined) => (data ? ' translate="no"' : '');

/** What a chart says itself: the empty state and the summary a screen reader gets. */
export interface ChartWords {
  noData: string;
  bar: string;
  line: string;
  stacked: string;
  /** «7 категорий», «7 categories»: the word for a count of categories. */
  categories: (n: number) => string;
  /** The range of the categories, `{first}` and `{last}` filled in; one category alone. */
  range: string;
  single: string;
  none: string;
  min: string;
  max: string;
}

/** Brand blue first, then greys and darker/lighter blues from the page palette. */
export const CHART_PALETTE = ['#1f6feb', '#5b6475', '#8fb3f0', '#b8c0cc', '#0b3d91', '#067647'] as const;
export const CHART_NO_DATA = 'Нет данных за период';
const RU_WORDS: ChartWords = {
  noData: CHART_NO_DATA,
  bar: 'Столбчатая диаграмма',
  line: 'Линейный график',
  stacked: ' с накоплением',
  categories: (n) => plural(n, 'категория', 'категории', 'категорий'),
  range: 'от «{first}» до «{last}»',
  single: '«{first}»',
  none: 'нет данных',
  min: 'минимум',
  max: 'максимум',
};

const WIDTH = 800;
/** The narrowest a chart is drawn (px): 12-unit labels of the 800-unit drawing stay ≥ 9.6 px. */
const MIN_DRAWN = 640;
const CHAR_WIDTH = 7; // an average 12px system-ui glyph, Cyrillic included
const MAX_LABEL_CHARS = 16;
const INK = '#1d2433';
const MUTED = '#5b6475';
const GRID = '#dde2ea';

const defaultFormat = (n: number) => new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 }).format(n);
const round = (n: number) => Math.round(n * 100) / 100;
const truncate = (text: string, max: number) => {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
};
const plural = (n: number, one: string, few: string, many: string) => {
  const m10 = n % 10;
  const m100 = n % 100;
  if (m10 === 1 && m100 !== 11) return one;
  return m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? few : many;
};

/**
 * Round axis ticks covering [min, max] and zero: the smallest step of 1, 2, 2.5 or 5 × 10^k that
 * needs at most six ticks. Integer data (counts, kopecks) never gets fractional steps; when that
 * leaves fewer than four ticks, the axis is extended upwards to four (0, 1, 2, 3).
 */
export function niceTicks(min: number, max: number, integer = false): number[] {
  const lo = Math.min(0, min);
  let hi = Math.max(0, max);
  if (hi === lo) hi = lo + 1;
  let exponent = Math.floor(Math.log10((hi - lo) / 6)) - 1;
  for (;;) {
    for (const mantissa of [1, 2, 2.5, 5]) {
      const step = Number((mantissa * 10 ** exponent).toPrecision(12));
      if (integer && !Number.isInteger(step)) continue;
      const first = Math.floor(lo / step + 1e-9);
      let last = Math.ceil(hi / step - 1e-9);
      if (last - first + 1 > 6) continue;
      if (last - first + 1 < 4) last = first + 3;
      const ticks: number[] = [];
      for (let k = first; k <= last; k++) ticks.push(Number((k * step).toPrecision(12)) || 0);
      return ticks;
    }
    exponent++;
  }
}

/** Which category labels fit under the axis: every step-th one, step chosen so labels never overlap. */
export function labelStep(count: number, plotWidth: number, longestLabel: number): number {
  const labelWidth = Math.min(longestLabel, MAX_LABEL_CHARS) * CHAR_WIDTH + 10;
  return Math.max(1, Math.ceil(labelWidth / (plotWidth / Math.max(1, count))));
}

interface Prepared {
  input: ChartInput;
  format: (n: number) => string;
  colors: string[];
  value: (s: number, i: number) => number | null;
}

function prepare(input: ChartInput): Prepared | null {
  const { categories, series } = input;
  const value = (s: number, i: number) => {
    const v = series[s]?.values[i];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const hasData = categories.length > 0 && series.some((_, s) => categories.some((__, i) => value(s, i) !== null));
  if (!hasData) return null;
  const colors = series.map((one, s) =>
    one.color && /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(one.color) ? one.color : CHART_PALETTE[s % CHART_PALETTE.length]!,
  );
  return { input, format: input.format ?? defaultFormat, colors, value };
}

const place = (text: string, first = '', last = '') => text.replace('{first}', first).replace('{last}', last);

/** The text a screen reader gets: what the chart is, its range of categories, each series' extremes. */
function summary(p: Prepared, kind: 'bar' | 'line'): string {
  const { categories, series, stacked } = p.input;
  const w = p.input.words ?? RU_WORDS;
  const n = categories.length;
  const head =
    `${kind === 'bar' ? w.bar : w.line}${stacked ? w.stacked : ''}: ${n} ${w.categories(n)}` +
    (n > 1 ? `, ${place(w.range, categories[0], categories[n - 1])}.` : `: ${place(w.single, categories[0])}.`);
  const lines = series.map((one, s) => {
    let min: { i: number; v: number } | null = null;
    let max: { i: number; v: number } | null = null;
    for (let i = 0; i < n; i++) {
      const v = p.value(s, i);
      if (v === null) continue;
      if (!min || v < min.v) min = { i, v };
      if (!max || v > max.v) max = { i, v };
    }
    if (!min || !max) return `${one.name}: ${w.none}.`;
    return `${one.name}: ${w.min} ${p.format(min.v)} (${categories[min.i]}), ${w.max} ${p.format(max.v)} (${categories[max.i]}).`;
  });
  return [head, ...lines].join(' ');
}

interface Frame {
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  band: number;
  ticks: number[];
  y: (v: number) => number;
  legend: string;
}

/** Legend rows (wrapping at the width), axis extent and margins shared by both chart kinds. */
function frame(p: Prepared, kind: 'bar' | 'line', extent: [number, number], integer: boolean): Frame {
  const { series, categories } = p.input;
  let x = 0;
  let row = 0;
  const items = series.map((one, s) => {
    const name = truncate(one.name, 40);
    const width = 18 + Array.from(name).length * CHAR_WIDTH + 16;
    if (x > 0 && x + width > WIDTH - 16) {
      x = 0;
      row++;
    }
    const at = { x: 16 + x, y: 40 + row * 18 };
    x += width;
    const swatch =
      kind === 'bar'
        ? `<rect x="${at.x}" y="${at.y - 9}" width="12" height="12" rx="2" fill="${p.colors[s]}"/>`
        : `<line x1="${at.x}" y1="${at.y - 3}" x2="${at.x + 12}" y2="${at.y - 3}" stroke="${p.colors[s]}" stroke-width="3"/>`;
    return `<g>${swatch}<text x="${at.x + 18}" y="${at.y + 1}" fill="${INK}"${keep(p.input.seriesAreData)}>${escapeHtml(name)}</text></g>`;
  });
  const ticks = niceTicks(extent[0], extent[1], integer);
  const tickWidth = Math.max(...ticks.map((t) => Array.from(p.format(t)).length)) * CHAR_WIDTH;
  const top = 40 + (row + 1) * 18 + 4;
  const height = Math.max(p.input.height ?? 300, top + 120);
  const left = Math.max(40, tickWidth + 14);
  const right = WIDTH - 16;
  const bottom = height - 28;
  const lo = ticks[0]!;
  const hi = ticks[ticks.length - 1]!;
  return {
    height,
    left,
    right,
    top,
    bottom,
    ticks,
    band: (right - left) / categories.length,
    y: (v: number) => round(bottom - ((v - lo) / (hi - lo)) * (bottom - top)),
    legend: `<g class="chart-legend" font-size="12">${items.join('')}</g>`,
  };
}

function axes(p: Prepared, f: Frame): string {
  const { categories } = p.input;
  const grid = f.ticks.map((t) => {
    const y = f.y(t);
    return (
      `<line x1="${f.left}" y1="${y}" x2="${f.right}" y2="${y}" stroke="${t === 0 ? '#b8c0cc' : GRID}"/>` +
      `<text x="${f.left - 6}" y="${y}" dy="0.32em" text-anchor="end" fill="${MUTED}">${escapeHtml(p.format(t))}</text>`
    );
  });
  const longest = Math.max(...categories.map((c) => Array.from(c).length));
  const step = labelStep(categories.length, f.right - f.left, longest);
  const half = (Math.min(longest, MAX_LABEL_CHARS) * CHAR_WIDTH) / 2;
  const labels: string[] = [];
  let previousEnd = -Infinity;
  for (let i = 0; i < categories.length; i += step) {
    const cx = f.left + (i + 0.5) * f.band;
    // Labels near the edges move inwards to stay visible; one that would then touch its neighbour is left out.
    const x = round(Math.min(Math.max(cx, half + 2), WIDTH - half - 2));
    if (x - half < previousEnd + 4) continue;
    previousEnd = x + half;
    labels.push(
      `<line x1="${round(cx)}" y1="${f.bottom}" x2="${round(cx)}" y2="${f.bottom + 4}" stroke="${MUTED}"/>` +
        `<text x="${x}" y="${f.bottom + 18}" text-anchor="middle" fill="${MUTED}" data-label="${i}"${keep(p.input.categoriesAreData)}>${escapeHtml(truncate(categories[i] ?? '', MAX_LABEL_CHARS))}</text>`,
    );
  }
  return `<g class="chart-y" font-size="12">${grid.join('')}</g><g class="chart-x" font-size="12">${labels.join('')}</g>`;
}

function markAttrs(p: Prepared, s: number, i: number, v: number): string {
  return `data-series="${escapeHtml(p.input.series[s]?.name)}" data-category="${escapeHtml(p.input.categories[i])}" data-value="${v}"`;
}

function markTitle(p: Prepared, s: number, i: number, v: number): string {
  return `<title>${escapeHtml(`${p.input.categories[i]} — ${p.input.series[s]?.name}: ${p.format(v)}`)}</title>`;
}

function figure(p: Prepared, kind: 'bar' | 'line', f: Frame, marks: string): string {
  const { title } = p.input;
  return (
    // Never narrower than MIN_DRAWN px: on a phone the labels stay ~11 px and the chart scrolls inside its card.
    `<figure class="chart" data-testid="chart" data-chart="${kind}" style="margin:0 0 16px;overflow-x:auto">` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${f.height}" width="100%" preserveAspectRatio="xMidYMid meet" role="img" style="display:block;width:100%;min-width:${MIN_DRAWN}px;height:auto" font-family="system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">` +
    `<title>${escapeHtml(title)}</title><desc>${escapeHtml(summary(p, kind))}</desc>` +
    `<text x="16" y="20" font-size="15" font-weight="600" fill="${INK}">${escapeHtml(truncate(title, 90))}</text>` +
    f.legend +
    axes(p, f) +
    `<g class="chart-marks">${marks}</g></svg></figure>`
  );
}

function empty(input: ChartInput, kind: 'bar' | 'line'): string {
  return (
    `<figure class="chart" data-testid="chart" data-chart="${kind}" data-empty="true" style="margin:0 0 16px">` +
    `<figcaption style="font-weight:600">${escapeHtml(input.title)}</figcaption>` +
    `<p class="muted" style="margin:8px 0">${escapeHtml((input.words ?? RU_WORDS).noData)}</p></figure>`
  );
}

const isInteger = (p: Prepared) => p.input.series.every((one) => one.values.every((v) => !Number.isFinite(v) || Number.isInteger(v)));

/** Per category, the running sums of positive and of negative values (what stacking draws). */
function stackExtent(p: Prepared): [number, number] {
  let lo = 0;
  let hi = 0;
  p.input.categories.forEach((_, i) => {
    let pos = 0;
    let neg = 0;
    p.input.series.forEach((__, s) => {
      const v = p.value(s, i) ?? 0;
      if (v >= 0) pos += v;
      else neg += v;
    });
    hi = Math.max(hi, pos);
    lo = Math.min(lo, neg);
  });
  return [lo, hi];
}

function plainExtent(p: Prepared): [number, number] {
  let lo = 0;
  let hi = 0;
  p.input.series.forEach((_, s) =>
    p.input.categories.forEach((__, i) => {
      const v = p.value(s, i);
      if (v !== null) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    }),
  );
  return [lo, hi];
}

/** SVG is drawn as text here, so its labels are escaped here (the one place outside the JSX renderer). */
function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Bars per category, side by side or stacked (positives up, negatives down from zero). */
export function barChart(input: ChartInput): string {
  const p = prepare(input);
  if (!p) return empty(input, 'bar');
  const f = frame(p, 'bar', input.stacked ? stackExtent(p) : plainExtent(p), isInteger(p));
  const count = input.series.length;
  const gap = f.band > 6 ? f.band * 0.2 : 0;
  const barWidth = input.stacked ? f.band - gap : (f.band - gap) / count;
  const marks: string[] = [];
  input.categories.forEach((_, i) => {
    let pos = 0;
    let neg = 0;
    input.series.forEach((__, s) => {
      const v = p.value(s, i);
      if (v === null) return;
      let base = 0;
      if (input.stacked) {
        base = v >= 0 ? pos : neg;
        if (v >= 0) pos += v;
        else neg += v;
      }
      const [y1, y2] = [f.y(base), f.y(base + v)];
      const x = f.left + i * f.band + gap / 2 + (input.stacked ? 0 : s * barWidth);
      marks.push(
        `<rect x="${round(x)}" y="${Math.min(y1, y2)}" width="${round(Math.max(barWidth, 0.5))}" height="${round(Math.abs(y1 - y2))}" fill="${p.colors[s]}" ${markAttrs(p, s, i, v)}>${markTitle(p, s, i, v)}</rect>`,
      );
    });
  });
  return figure(p, 'bar', f, marks.join(''));
}

/** One line per series through the category centres; a missing value breaks the line. */
export function lineChart(input: ChartInput): string {
  const p = prepare(input);
  if (!p) return empty(input, 'line');
  const f = frame(p, 'line', input.stacked ? stackExtent(p) : plainExtent(p), isInteger(p));
  const radius = input.categories.length > 60 ? 1.5 : 3;
  const running = input.categories.map(() => 0);
  const marks = input.series.map((_, s) => {
    let d = '';
    let pen = 'M';
    const points: string[] = [];
    input.categories.forEach((__, i) => {
      const v = p.value(s, i);
      if (v === null) {
        pen = 'M';
        return;
      }
      const shown = input.stacked ? (running[i] = (running[i] ?? 0) + v) : v;
      const [x, y] = [round(f.left + (i + 0.5) * f.band), f.y(shown)];
      d += `${pen}${x} ${y}`;
      pen = 'L';
      points.push(
        `<circle cx="${x}" cy="${y}" r="${radius}" fill="${p.colors[s]}" ${markAttrs(p, s, i, v)}>${markTitle(p, s, i, v)}</circle>`,
      );
    });
    return `<path d="${d}" fill="none" stroke="${p.colors[s]}" stroke-width="2" stroke-linejoin="round" stroke-linecap="round"/>${points.join('')}`;
  });
  return figure(p, 'line', f, marks.join(''));
}
