/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { REPORT_CATALOGUE, reportIds, type DrillDown, type Report, type ReportId, type ReportQuery } from '../../../../schema/contracts';
import { barChart, lineChart, type ChartWords } from '../../platform/chart';
import { fill, msg, type Lang, type MessageKey } from '../../platform/i18n';
import { formatIsoDate, formatIsoPeriod, formatMonth, formatRubles, formatSpan, pluralForm } from '../../platform/ru-format';
import type { PeriodPreset } from '../periods';
import { reportText } from '../translate';

/** The report pages: filters as a GET form, a server-drawn chart, a table whose figures link down (script: pages/src/report.ts). */

const STYLE = `
h1{margin:0 0 8px;font-size:24px}h2{font-size:18px;margin:18px 0 10px}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:0 12px;align-items:end}
.filters button{margin-top:0}.links{display:flex;gap:16px;flex-wrap:wrap;margin:10px 0}
.presets{display:flex;gap:8px;flex-wrap:wrap;margin:4px 0 12px}.presets a{padding:3px 10px;border:1px solid var(--line);border-radius:14px;text-decoration:none}
.presets a[aria-current]{background:var(--brand);color:#fff;border-color:var(--brand)}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}.totals td{font-weight:700;border-top:2px solid var(--ink)}
th[data-sort]{cursor:pointer;user-select:none;white-space:nowrap}th[data-sort]:focus{outline:2px solid var(--brand)}
th[aria-sort=ascending]::after{content:" ↑"}th[aria-sort=descending]::after{content:" ↓"}
td.below{background:#fff1f0;color:var(--bad);font-weight:600}.legend-below{display:inline-block;background:#fff1f0;color:var(--bad);padding:0 6px;border-radius:4px}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch;max-width:100%}.scroll table{min-width:640px}
.reports{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.reports a{display:block;padding:14px;border:1px solid var(--line);border-radius:8px;background:#fff;text-decoration:none}
figure{margin:0}figure svg{max-width:100%;height:auto}
@media (max-width:640px){main{padding:0 8px}.card{padding:12px}.filters{grid-template-columns:1fr 1fr}}
@media print{header,.filters,.links,.presets,form,#report-error{display:none}.card{border:0;padding:0}.scroll{overflow:visible}
th[aria-sort]::after{content:""}td.below{background:none;text-decoration:underline}}
`;

/** A report's title and hint in the page's language (the catalogue's Russian is REPORT_CATALOGUE's, a unit test checks). */
export const reportTitle = (id: ReportId, lang: Lang) => msg(`reports.${id}.title`, lang);
const reportHint = (id: ReportId, lang: Lang) => msg(`reports.${id}.hint`, lang);

const pad2 = (n: number) => String(n).padStart(2, '0');
type Column = Report['tableColumns'][number];
type Row = Record<string, string | number | null>;

/** A figure as the reports show it: money, percent, span of time, count, or the text itself (a day as 01.11.2026). */
export function formatCell(c: Column, v: string | number | null | undefined, lang: Lang = 'ru'): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (c.kind === 'money') return formatRubles(v);
    if (c.kind === 'percent') return `${Math.floor(v / 100)},${pad2(v % 100)} %`;
    if (c.kind === 'duration') return formatSpan(v, c.key.endsWith('_sec') ? 'sec' : 'min', lang);
    if (c.kind === 'int') return new Intl.NumberFormat('ru-RU').format(v);
  }
  if (c.kind === 'date') return formatIsoDate(String(v));
  return String(v);
}

/**
 * Cells holding data rather than words of the interface — names of people, clients and stages, numbers
 * typed into 1C — are left as stored whatever the language (`translate="no"`); the words the services
 * put in rows («входящий», «пул», «счёт») are translated.
 */
const DATA_COLUMNS = new Set(['manager', 'owner', 'company', 'subject', 'stage', 'number', 'counterpart']);
const isData = (c: Column) => DATA_COLUMNS.has(c.key);
/** What the services write into a data column instead of a name: «пул», «Без менеджера (пул)», «скрыт». */
const STAND_INS = new Set([msg('reports.api.pool', 'ru'), msg('reports.api.noManager', 'ru'), msg('reports.api.v.hidden', 'ru')]);
/** A text cell: data as stored (but the services' own words — «входящий», «пул», «скрыт» — translated). */
const cellText = (c: Column, v: string | number | null | undefined, lang: Lang) =>
  c.kind === 'text' && typeof v === 'string' && (!isData(c) || STAND_INS.has(v)) ? reportText(v, lang) : formatCell(c, v, lang);

/** The chart's own words (its summary for screen readers, the empty state) in the page's language. */
const chartWords = (lang: Lang): ChartWords => ({
  noData: msg('reports.noData', lang),
  bar: msg('reports.chart.bar', lang),
  line: msg('reports.chart.line', lang),
  stacked: msg('reports.chart.stacked', lang),
  categories: (n) => msg(`reports.chart.category.${pluralForm(n, lang)}`, lang),
  range: msg('reports.chart.range', lang),
  single: msg('reports.chart.single', lang),
  none: msg('reports.chart.none', lang),
  min: msg('reports.chart.min', lang),
  max: msg('reports.chart.max', lang),
});

const numeric = (c: Column) => c.kind !== 'text' && c.kind !== 'date';

/** The query string of the current filters, plus or minus some. */
export function queryString(q: ReportQuery | Record<string, unknown>, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/**
 * A period bucket as the chart names it, in the one date format: a day «16.11.2026», a week «с 16.11.2026»
 * (its Monday), a month «ноябрь 2026» — never the ISO key the API carries.
 */
export function bucketLabel(bucket: string, by: Report['by'], lang: Lang): string {
  if (by === 'month') return formatMonth(bucket, lang);
  const day = formatIsoDate(bucket);
  return by === 'week' ? fill(msg('reports.chart.weekOf', lang), { day }) : day;
}

/** The chart is SVG drawn by platform/chart.ts, which escapes its own labels. */
function chartOf(report: Report, lang: Lang): string {
  const title = reportTitle(report.report, lang);
  const words = chartWords(lang);
  const t = (key: MessageKey) => msg(key, lang);
  const buckets = report.series.map((p) => bucketLabel(String(p['bucket']), report.by, lang));
  const perManager = report.managerSeries;
  if (perManager && perManager.managers.length) {
    // By week: a line per manager (the ten busiest), so a head sees who carries the week and who drops.
    const measure = report.seriesColumns.find((c) => c.key === perManager.measure);
    return lineChart({
      title: fill(t('reports.chart.byWeek'), { title, measure: measure ? reportText(measure.titleRu, lang).toLowerCase() : '' }),
      categories: buckets,
      series: perManager.managers.slice(0, 10).map((m) => ({ name: m.name, values: m.values })),
      seriesAreData: true,
      ...(measure?.kind === 'money' ? { format: formatRubles } : {}),
      words,
    });
  }
  switch (report.report) {
    case 'calls':
      return barChart({
        title,
        categories: buckets,
        series: [
          { name: t('reports.api.targeted'), values: report.series.map((p) => Number(p['targeted'])) },
          { name: t('reports.api.untargeted'), values: report.series.map((p) => Number(p['untargeted'])) },
        ],
        stacked: true,
        words,
      });
    case 'leads':
      return barChart({
        title,
        stacked: true,
        categories: buckets,
        series: report.seriesColumns
          .filter((c) => c.key.startsWith('ch_'))
          .map((c) => ({ name: reportText(c.titleRu, lang), values: report.series.map((p) => Number(p[c.key])) })),
        words,
      });
    case 'stages':
      return barChart({
        title: t('reports.chart.stages'),
        categories: report.series.map((p) => String(p['stage'])),
        categoriesAreData: true,
        series: [
          {
            name: t('reports.chart.half'),
            values: report.series.map((p) => (p['median_min'] === null ? NaN : Math.round(Number(p['median_min']) / 6) / 10)),
          },
          {
            name: t('reports.chart.nine'),
            values: report.series.map((p) => (p['p90_min'] === null ? NaN : Math.round(Number(p['p90_min']) / 6) / 10)),
          },
        ],
        words,
      });
    case 'clients':
      return barChart({
        title,
        categories: buckets,
        series: [
          { name: t('reports.api.created'), values: report.series.map((p) => Number(p['created'])) },
          { name: t('reports.api.converted'), values: report.series.map((p) => Number(p['converted'])) },
        ],
        words,
      });
    case 'dormant':
      return barChart({
        title: t('reports.chart.atRisk'),
        format: formatRubles,
        categories: report.series.map((p) => String(p['company'])),
        categoriesAreData: true,
        series: [{ name: t('reports.api.revenue24'), values: report.series.map((p) => Number(p['revenue_24m'])) }],
        words,
      });
    case 'invoices':
      return barChart({
        title: t('reports.chart.sums'),
        format: formatRubles,
        categories: buckets,
        series: [
          { name: t('reports.api.invoices'), values: report.series.map((p) => Number(p['invoiced_kopecks'])) },
          { name: t('reports.api.payments'), values: report.series.map((p) => Number(p['paid_kopecks'])) },
          { name: t('reports.api.shipments'), values: report.series.map((p) => Number(p['shipped_kopecks'])) },
        ],
        words,
      });
  }
}

export interface FilterChoices {
  managers: { id: number; name: string }[];
  regions: { id: number; name: string }[];
  isManager: boolean;
  lang: Lang;
}

/** What the form shows: the report's own period when it was built, else the values as typed. */
export interface FormValues {
  report: ReportId;
  from: string;
  to: string;
  by: string;
  /** Dormant: the days without a touch the report used (its default when none was asked for). */
  days?: string;
}

function Filters({ f, q, choices }: { f: FormValues; q: Partial<Record<keyof ReportQuery, unknown>>; choices: FilterChoices }): Child {
  const selected = (v: unknown, id: number) => v !== undefined && String(v) === String(id);
  const t = (key: MessageKey) => msg(key, choices.lang);
  return (
    <form class="filters" method="get" action={`/app/reports/${f.report}`}>
      <div>
        <label for="from">{t('reports.filter.from')}</label>
        <input type="date" id="from" name="from" value={f.from} />
      </div>
      <div>
        <label for="to">{t('reports.filter.to')}</label>
        <input type="date" id="to" name="to" value={f.to} />
      </div>
      {f.report === 'stages' || f.report === 'dormant' ? null : (
        <div>
          <label for="by">{t('reports.filter.by')}</label>
          <select id="by" name="by">
            <option value="day" selected={f.by === 'day'}>
              {t('reports.filter.by.day')}
            </option>
            <option value="week" selected={f.by === 'week'}>
              {t('reports.filter.by.week')}
            </option>
            <option value="month" selected={f.by === 'month'}>
              {t('reports.filter.by.month')}
            </option>
          </select>
        </div>
      )}
      {choices.isManager ? null : (
        <>
          <div>
            <label for="managerId">{t('reports.filter.manager')}</label>
            <select id="managerId" name="managerId">
              <option value="" selected={q.managerId === undefined || q.managerId === ''}>
                {t('reports.filter.all')}
              </option>
              {choices.managers.map((m) => (
                <option value={String(m.id)} selected={selected(q.managerId, m.id)} translate="no">
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="regionId">{t('reports.filter.region')}</label>
            <select id="regionId" name="regionId">
              <option value="" selected={q.regionId === undefined || q.regionId === ''}>
                {t('reports.filter.all')}
              </option>
              {choices.regions.map((r) => (
                <option value={String(r.id)} selected={selected(q.regionId, r.id)} translate="no">
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div>
        <label for="companyId">{t('reports.filter.company')}</label>
        <input id="companyId" name="companyId" inputmode="numeric" value={String(q.companyId ?? '')} />
      </div>
      {f.report === 'dormant' ? (
        <div>
          <label for="days">{t('reports.filter.days')}</label>
          <input id="days" name="days" inputmode="numeric" value={String(q.days ?? f.days ?? '')} />
        </div>
      ) : null}
      <div>
        <button type="submit">{t('reports.filter.show')}</button>
      </div>
    </form>
  );
}

/** Period presets as links: the other filters stay, the step is chosen for the period's length. */
function Presets({ f, q, presets, lang }: { f: FormValues; q: Record<string, unknown>; presets: PeriodPreset[]; lang: Lang }): Child {
  const { from: _f, to: _t, by: _b, ...keep } = q;
  return (
    <nav class="presets" aria-label={msg('reports.presets', lang)}>
      {presets.map((p) => (
        <a
          href={`/app/reports/${f.report}${queryString(keep, { from: p.from, to: p.to })}`}
          data-preset={p.id}
          aria-current={p.from === f.from && p.to === f.to ? 'true' : undefined}
        >
          {msg(`reports.preset.${p.id}`, lang)}
        </a>
      ))}
    </nav>
  );
}

/** A figure that links to the clients, leads, calls or documents behind it. */
function Figure({ report, q, row, c, lang }: { report: Report; q: ReportQuery; row: Row; c: Column; lang: Lang }): Child {
  const text = cellText(c, row[c.key], lang);
  if (report.report === 'dormant' && c.key === 'company') return <a href={`/app/clients/${row['companyId']}`}>{text}</a>;
  if (!numeric(c) || !row[c.key] || report.report === 'dormant' || c.key === 'targeted_norm') return <>{text}</>;
  // Time in stage links its stuck leads (past the stage's deadline) — the figures a head acts on.
  if (report.report === 'stages' && c.key !== 'stuck' && c.key !== 'stuck_kopecks') return <>{text}</>;
  const measure = report.report === 'stages' ? String(row['stageId']) : c.key;
  const managerId =
    row['userId'] !== undefined && row['userId'] !== null && Number(row['userId']) > 0 ? Number(row['userId']) : q.managerId;
  return (
    <a
      href={`/app/reports/${report.report}/drill${queryString({ ...q, from: report.from, to: report.to, by: report.by }, { managerId, measure })}`}
    >
      {text}
    </a>
  );
}

/** A column header that sorts the table (pages/src/report.ts): numbers as numbers, text in Russian order. */
function SortHeader({ c, lang }: { c: Column; lang: Lang }): Child {
  return (
    <th class={numeric(c) ? 'n' : undefined} data-sort={numeric(c) ? 'number' : 'text'} aria-sort="none" tabindex={0} scope="col">
      {reportText(c.titleRu, lang)}
    </th>
  );
}

/** The raw value a cell sorts by: the number itself, or the text. */
const sortValue = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

/** The top of a report page: the way back, the title, the presets and the filters. */
function ReportHead({ f, q, choices, presets }: ViewProps & { f: FormValues }): Child {
  return (
    <>
      <p>
        <a href="/app/reports">{msg('reports.back', choices.lang)}</a>
      </p>
      <h1>{reportTitle(f.report, choices.lang)}</h1>
      <Presets f={f} q={q as Record<string, unknown>} presets={presets} lang={choices.lang} />
      <Filters f={f} q={q} choices={choices} />
    </>
  );
}

export function ReportError({ f, q, choices, presets, message }: ViewProps & { f: FormValues; message: string }): Child {
  return (
    <>
      <style>{raw(STYLE)}</style>
      <div class="card">
        <ReportHead f={f} q={q} choices={choices} presets={presets} />
        <p class="error" role="alert" id="report-error">
          {message}
        </p>
      </div>
    </>
  );
}

interface ViewProps {
  q: Partial<Record<keyof ReportQuery, unknown>>;
  choices: FilterChoices;
  presets: PeriodPreset[];
}

export function ReportView({ report, q, choices, presets }: ViewProps & { report: Report; q: ReportQuery }): Child {
  const exportHref = (format: string) =>
    `/api/reports/${report.report}/export${queryString(
      { ...q, from: report.from, to: report.to, by: report.by },
      { format, lang: choices.lang === 'ru' ? undefined : choices.lang },
    )}`;
  const below = (c: Column, row?: Row) =>
    Boolean(
      row &&
        String(row['below_norm'] ?? '')
          .split(',')
          .includes(c.key),
    );
  const cellClass = (c: Column, row?: Row) => [numeric(c) ? 'n' : '', below(c, row) ? 'below' : ''].filter(Boolean).join(' ') || undefined;
  const f: FormValues = {
    report: report.report,
    from: report.from,
    to: report.to,
    by: report.by,
    ...(report.totals['days'] !== undefined ? { days: String(report.totals['days']) } : {}),
  };
  const hasNorm = report.tableColumns.some((c) => c.key === 'targeted_norm');
  const lang = choices.lang;
  const t = (key: MessageKey) => msg(key, lang);
  const cellLang = (c: Column) => (isData(c) ? 'no' : undefined);
  return (
    <>
      <style>{raw(STYLE)}</style>
      <div class="card">
        <ReportHead f={f} q={q} choices={choices} presets={presets} />
        <div class="links">
          <a href={exportHref('xlsx')} data-testid="export-xlsx">
            {t('reports.export.xlsx')}
          </a>
          <a href={exportHref('csv')}>{t('reports.export.csv')}</a>
          <button type="button" class="secondary" id="print" style="margin:0">
            {t('reports.print')}
          </button>
        </div>
        <p class="muted" data-testid="period">
          {formatIsoPeriod(report.from, report.to)}
          {report.source === 'raw' ? t('reports.raw') : ''}
        </p>
        {report.report === 'dormant' ? (
          <p>
            {t('reports.dormant.silent')} <b data-testid="silent">{String(report.totals['silent'])}</b> · {t('reports.dormant.dormant')}{' '}
            <b>{String(report.totals['dormant'])}</b> · {t('reports.dormant.atRisk')}{' '}
            <b>{formatRubles(Number(report.totals['at_risk_kopecks']))}</b>
          </p>
        ) : null}
        {report.report === 'clients' ? (
          <p>
            {t('reports.clients.baseStart')} <b>{String(report.totals['base_start'])}</b>, {t('reports.clients.baseEnd')}{' '}
            <b>{String(report.totals['base'])}</b>
          </p>
        ) : null}
        {raw(chartOf(report, lang))}
        <h2>{t('reports.table')}</h2>
        {hasNorm ? (
          <p class="muted">
            <span class="legend-below">{t('reports.legend.below')}</span> {t('reports.legend.belowText')} {t('reports.sortHint')}
          </p>
        ) : (
          <p class="muted">{t('reports.sortHint')}</p>
        )}
        <div class="scroll">
          <table class="list sortable" data-testid="report-table">
            <thead>
              <tr>
                {report.tableColumns.map((c) => (
                  <SortHeader c={c} lang={lang} />
                ))}
              </tr>
            </thead>
            <tbody>
              {report.rows.length ? (
                report.rows.map((r) => (
                  <tr>
                    {report.tableColumns.map((c) => (
                      <td
                        data-label={reportText(c.titleRu, lang)}
                        class={cellClass(c, r)}
                        data-v={sortValue(r[c.key])}
                        title={below(c, r) ? fill(t('reports.belowNorm'), { norm: formatCell(c, r['targeted_norm'], lang) }) : undefined}
                        translate={cellLang(c)}
                      >
                        <Figure report={report} q={q} row={r} c={c} lang={lang} />
                      </td>
                    ))}
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={report.tableColumns.length} class="muted">
                    {t('reports.noData')}
                  </td>
                </tr>
              )}
            </tbody>
            {report.report === 'dormant' ? null : (
              <tfoot>
                <tr class="totals">
                  {report.tableColumns.map((c, i) => (
                    <td class={cellClass(c)}>
                      {i === 0
                        ? t('reports.total')
                        : report.totals[c.key] === undefined
                          ? ''
                          : formatCell(c, report.totals[c.key] as number | null, lang)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
        {report.notes.map((n) => (
          <p class="muted">{reportText(n, lang)}</p>
        ))}
      </div>
    </>
  );
}

export function ReportIndexView({ lang }: { lang: Lang }): Child {
  return (
    <>
      <style>{raw(STYLE)}</style>
      <div class="card">
        <h1>{msg('reports.title', lang)}</h1>
        <p class="muted">{msg('reports.intro', lang)}</p>
        <div class="reports">
          {reportIds.map((id) => (
            <a href={`/app/reports/${id}`}>
              <b>{reportTitle(id, lang)}</b>
              <br />
              <span class="muted">{reportHint(id, lang)}</span>
            </a>
          ))}
        </div>
      </div>
    </>
  );
}

/** «Просроченные интересы: 16.11.2026 — 22.11.2026» from the service's «…: 2026-11-16 — 2026-11-22», in the page's language. */
export function drillTitle(drill: DrillDown, lang: Lang): string {
  const m = /^(.*): (\d{4}-\d{2}-\d{2}) — (\d{4}-\d{2}-\d{2})$/s.exec(drill.titleRu);
  return m ? `${reportText(m[1] ?? '', lang)}: ${formatIsoPeriod(m[2] ?? '', m[3] ?? '')}` : reportText(drill.titleRu, lang);
}

export function DrillView({ drill, backHref, lang }: { drill: DrillDown; backHref: string; lang: Lang }): Child {
  const cellClass = (c: Column) => (numeric(c) ? 'n' : undefined);
  const t = (key: MessageKey) => msg(key, lang);
  return (
    <>
      <style>{raw(STYLE)}</style>
      <div class="card">
        <p>
          <a href={backHref}>{t('reports.drill.back')}</a>
        </p>
        <h1>{drillTitle(drill, lang)}</h1>
        <p class="muted">
          {drill.rows.length}
          {drill.truncated ? t('reports.drill.truncated') : ''}
        </p>
        <div class="scroll">
          <table class="list sortable" data-testid="drill-table">
            <thead>
              <tr>
                {drill.columns.map((c) => (
                  <SortHeader c={c} lang={lang} />
                ))}
              </tr>
            </thead>
            <tbody>
              {drill.rows.length ? (
                drill.rows.map((r) => (
                  <tr>
                    {drill.columns.map((c) => (
                      <td
                        data-label={reportText(c.titleRu, lang)}
                        class={cellClass(c)}
                        data-v={sortValue(r[c.key])}
                        translate={isData(c) ? 'no' : undefined}
                      >
                        {c.key === 'company' && r['companyId'] ? (
                          <a href={`/app/clients/${r['companyId']}`}>{formatCell(c, r[c.key])}</a>
                        ) : (
                          cellText(c, r[c.key], lang)
                        )}
                      </td>
                    ))}
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={drill.columns.length} class="muted">
                    {t('reports.drill.none')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
