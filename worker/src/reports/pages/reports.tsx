/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { REPORT_CATALOGUE, reportIds, type DrillDown, type Report, type ReportId, type ReportQuery } from '../../../../schema/contracts';
import { barChart, lineChart } from '../../platform/chart';
import { formatRubles, formatSpan } from '../../platform/ru-format';
import type { PeriodPreset } from '../periods';

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

export const REPORT_LIST: { id: ReportId; titleRu: string; hintRu: string }[] = reportIds.map((id) => ({ id, ...REPORT_CATALOGUE[id] }));

const pad2 = (n: number) => String(n).padStart(2, '0');
/** 2026-11-01 → 01.11.2026, as the rest of the interface writes days. */
export const ruDay = (day: string) => (/^\d{4}-\d{2}-\d{2}$/.test(day) ? `${day.slice(8, 10)}.${day.slice(5, 7)}.${day.slice(0, 4)}` : day);
type Column = Report['tableColumns'][number];
type Row = Record<string, string | number | null>;

/** A figure as the reports show it: money, percent, span of time, count, or the text itself. */
export function formatCell(c: Column, v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (c.kind === 'money') return formatRubles(v);
    if (c.kind === 'percent') return `${Math.floor(v / 100)},${pad2(v % 100)} %`;
    if (c.kind === 'duration') return formatSpan(v, c.key.endsWith('_sec') ? 'sec' : 'min');
    if (c.kind === 'int') return new Intl.NumberFormat('ru-RU').format(v);
  }
  if (c.kind === 'date') return ruDay(String(v));
  return String(v);
}

const numeric = (c: Column) => c.kind !== 'text' && c.kind !== 'date';

/** The query string of the current filters, plus or minus some. */
export function queryString(q: ReportQuery | Record<string, unknown>, extra: Record<string, string | number | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, ...extra })) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The chart is SVG drawn by platform/chart.ts, which escapes its own labels. */
function chartOf(report: Report): string {
  const title = report.titleRu;
  const perManager = report.managerSeries;
  if (perManager && perManager.managers.length) {
    // By week: a line per manager (the ten busiest), so a head sees who carries the week and who drops.
    const measure = report.seriesColumns.find((c) => c.key === perManager.measure);
    return lineChart({
      title: `${title}: ${measure?.titleRu.toLowerCase() ?? ''} по неделям, по менеджерам`,
      categories: report.series.map((p) => `с ${ruDay(String(p['bucket']))}`),
      series: perManager.managers.slice(0, 10).map((m) => ({ name: m.name, values: m.values })),
      ...(measure?.kind === 'money' ? { format: formatRubles } : {}),
    });
  }
  switch (report.report) {
    case 'calls':
      return barChart({
        title,
        categories: report.series.map((p) => String(p['bucket'])),
        series: [
          { name: 'Целевые', values: report.series.map((p) => Number(p['targeted'])) },
          { name: 'Нецелевые', values: report.series.map((p) => Number(p['untargeted'])) },
        ],
        stacked: true,
      });
    case 'leads':
      return barChart({
        title,
        stacked: true,
        categories: report.series.map((p) => String(p['bucket'])),
        series: report.seriesColumns
          .filter((c) => c.key.startsWith('ch_'))
          .map((c) => ({ name: c.titleRu, values: report.series.map((p) => Number(p[c.key])) })),
      });
    case 'stages':
      return barChart({
        title: 'Сколько часов интересы проводят на этапе',
        categories: report.series.map((p) => String(p['stage'])),
        series: [
          {
            name: 'Половина — быстрее',
            values: report.series.map((p) => (p['median_min'] === null ? NaN : Math.round(Number(p['median_min']) / 6) / 10)),
          },
          {
            name: '9 из 10 — быстрее',
            values: report.series.map((p) => (p['p90_min'] === null ? NaN : Math.round(Number(p['p90_min']) / 6) / 10)),
          },
        ],
      });
    case 'clients':
      return barChart({
        title,
        categories: report.series.map((p) => String(p['bucket'])),
        series: [
          { name: 'Новые клиенты', values: report.series.map((p) => Number(p['created'])) },
          { name: 'Первая оплата', values: report.series.map((p) => Number(p['converted'])) },
        ],
      });
    case 'dormant':
      return barChart({
        title: 'Выручка под риском, ₽',
        format: formatRubles,
        categories: report.series.map((p) => String(p['company'])),
        series: [{ name: 'Выручка за 24 месяца', values: report.series.map((p) => Number(p['revenue_24m'])) }],
      });
    case 'invoices':
      return barChart({
        title: 'Суммы, ₽',
        format: formatRubles,
        categories: report.series.map((p) => String(p['bucket'])),
        series: [
          { name: 'Счета', values: report.series.map((p) => Number(p['invoiced_kopecks'])) },
          { name: 'Оплаты', values: report.series.map((p) => Number(p['paid_kopecks'])) },
          { name: 'Отгрузки', values: report.series.map((p) => Number(p['shipped_kopecks'])) },
        ],
      });
  }
}

export interface FilterChoices {
  managers: { id: number; name: string }[];
  regions: { id: number; name: string }[];
  isManager: boolean;
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
  return (
    <form class="filters" method="get" action={`/app/reports/${f.report}`}>
      <div>
        <label for="from">С</label>
        <input type="date" id="from" name="from" value={f.from} />
      </div>
      <div>
        <label for="to">По</label>
        <input type="date" id="to" name="to" value={f.to} />
      </div>
      {f.report === 'stages' || f.report === 'dormant' ? null : (
        <div>
          <label for="by">Шаг</label>
          <select id="by" name="by">
            <option value="day" selected={f.by === 'day'}>
              день
            </option>
            <option value="week" selected={f.by === 'week'}>
              неделя
            </option>
            <option value="month" selected={f.by === 'month'}>
              месяц
            </option>
          </select>
        </div>
      )}
      {choices.isManager ? null : (
        <>
          <div>
            <label for="managerId">Менеджер</label>
            <select id="managerId" name="managerId">
              <option value="" selected={q.managerId === undefined || q.managerId === ''}>
                все
              </option>
              {choices.managers.map((m) => (
                <option value={String(m.id)} selected={selected(q.managerId, m.id)}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="regionId">Регион</label>
            <select id="regionId" name="regionId">
              <option value="" selected={q.regionId === undefined || q.regionId === ''}>
                все
              </option>
              {choices.regions.map((r) => (
                <option value={String(r.id)} selected={selected(q.regionId, r.id)}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div>
        <label for="companyId">Клиент (номер)</label>
        <input id="companyId" name="companyId" inputmode="numeric" value={String(q.companyId ?? '')} />
      </div>
      {f.report === 'dormant' ? (
        <div>
          <label for="days">Без касаний, дней</label>
          <input id="days" name="days" inputmode="numeric" value={String(q.days ?? f.days ?? '')} />
        </div>
      ) : null}
      <div>
        <button type="submit">Показать</button>
      </div>
    </form>
  );
}

/** Period presets as links: the other filters stay, the step is chosen for the period's length. */
function Presets({ f, q, presets }: { f: FormValues; q: Record<string, unknown>; presets: PeriodPreset[] }): Child {
  const { from: _f, to: _t, by: _b, ...keep } = q;
  return (
    <nav class="presets" aria-label="Период">
      {presets.map((p) => (
        <a
          href={`/app/reports/${f.report}${queryString(keep, { from: p.from, to: p.to })}`}
          data-preset={p.id}
          aria-current={p.from === f.from && p.to === f.to ? 'true' : undefined}
        >
          {p.labelRu}
        </a>
      ))}
    </nav>
  );
}

/** A figure that links to the clients, leads, calls or documents behind it. */
function Figure({ report, q, row, c }: { report: Report; q: ReportQuery; row: Row; c: Column }): Child {
  const text = formatCell(c, row[c.key]);
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
function SortHeader({ c }: { c: Column }): Child {
  return (
    <th class={numeric(c) ? 'n' : undefined} data-sort={numeric(c) ? 'number' : 'text'} aria-sort="none" tabindex={0} scope="col">
      {c.titleRu}
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
        <a href="/app/reports">← Все отчёты</a>
      </p>
      <h1>{REPORT_CATALOGUE[f.report].titleRu}</h1>
      <Presets f={f} q={q as Record<string, unknown>} presets={presets} />
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
    `/api/reports/${report.report}/export${queryString({ ...q, from: report.from, to: report.to, by: report.by }, { format })}`;
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
  return (
    <>
      <style>{raw(STYLE)}</style>
      <div class="card">
        <ReportHead f={f} q={q} choices={choices} presets={presets} />
        <div class="links">
          <a href={exportHref('xlsx')} data-testid="export-xlsx">
            Скачать XLSX
          </a>
          <a href={exportHref('csv')}>Скачать CSV</a>
          <button type="button" class="secondary" id="print" style="margin:0">
            Печать
          </button>
        </div>
        <p class="muted" data-testid="period">
          {ruDay(report.from)} — {ruDay(report.to)}
          {report.source === 'raw' ? ' · посчитано по сырым данным' : ''}
        </p>
        {report.report === 'dormant' ? (
          <p>
            Без касаний: <b data-testid="silent">{String(report.totals['silent'])}</b> · спящих (платили за 24 месяца):{' '}
            <b>{String(report.totals['dormant'])}</b> · выручка под риском: <b>{formatRubles(Number(report.totals['at_risk_kopecks']))}</b>
          </p>
        ) : null}
        {report.report === 'clients' ? (
          <p>
            База на начало периода: <b>{String(report.totals['base_start'])}</b>, на конец: <b>{String(report.totals['base'])}</b>
          </p>
        ) : null}
        {raw(chartOf(report))}
        <h2>Таблица</h2>
        {hasNorm ? (
          <p class="muted">
            <span class="legend-below">Выделено</span> — ниже нормы из правила оплаты. Нажмите на заголовок столбца, чтобы отсортировать.
          </p>
        ) : (
          <p class="muted">Нажмите на заголовок столбца, чтобы отсортировать.</p>
        )}
        <div class="scroll">
          <table class="list sortable" data-testid="report-table">
            <thead>
              <tr>
                {report.tableColumns.map((c) => (
                  <SortHeader c={c} />
                ))}
              </tr>
            </thead>
            <tbody>
              {report.rows.length ? (
                report.rows.map((r) => (
                  <tr>
                    {report.tableColumns.map((c) => (
                      <td
                        data-label={c.titleRu}
                        class={cellClass(c, r)}
                        data-v={sortValue(r[c.key])}
                        title={below(c, r) ? `Ниже нормы: ${formatCell(c, r['targeted_norm'])}` : undefined}
                      >
                        <Figure report={report} q={q} row={r} c={c} />
                      </td>
                    ))}
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={report.tableColumns.length} class="muted">
                    Нет данных за период
                  </td>
                </tr>
              )}
            </tbody>
            {report.report === 'dormant' ? null : (
              <tfoot>
                <tr class="totals">
                  {report.tableColumns.map((c, i) => (
                    <td class={cellClass(c)}>
                      {i === 0 ? 'Итого' : report.totals[c.key] === undefined ? '' : formatCell(c, report.totals[c.key] as number | null)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            )}
          </table>
        </div>
        {report.notes.map((n) => (
          <p class="muted">{n}</p>
        ))}
      </div>
    </>
  );
}

export function ReportIndexView(): Child {
  return (
    <>
      <style>{raw(STYLE)}</style>
      <div class="card">
        <h1>Отчёты</h1>
        <p class="muted">Ведущие показатели отдела продаж. Руководитель видит свои регионы, менеджер — себя.</p>
        <div class="reports">
          {REPORT_LIST.map((r) => (
            <a href={`/app/reports/${r.id}`}>
              <b>{r.titleRu}</b>
              <br />
              <span class="muted">{r.hintRu}</span>
            </a>
          ))}
        </div>
      </div>
    </>
  );
}

export function DrillView({ drill, backHref }: { drill: DrillDown; backHref: string }): Child {
  const cellClass = (c: Column) => (numeric(c) ? 'n' : undefined);
  return (
    <>
      <style>{raw(STYLE)}</style>
      <div class="card">
        <p>
          <a href={backHref}>← К отчёту</a>
        </p>
        <h1>{drill.titleRu}</h1>
        <p class="muted">
          {drill.rows.length}
          {drill.truncated ? ' (показаны первые)' : ''}
        </p>
        <div class="scroll">
          <table class="list sortable" data-testid="drill-table">
            <thead>
              <tr>
                {drill.columns.map((c) => (
                  <SortHeader c={c} />
                ))}
              </tr>
            </thead>
            <tbody>
              {drill.rows.length ? (
                drill.rows.map((r) => (
                  <tr>
                    {drill.columns.map((c) => (
                      <td data-label={c.titleRu} class={cellClass(c)} data-v={sortValue(r[c.key])}>
                        {c.key === 'company' && r['companyId'] ? (
                          <a href={`/app/clients/${r['companyId']}`}>{formatCell(c, r[c.key])}</a>
                        ) : (
                          formatCell(c, r[c.key])
                        )}
                      </td>
                    ))}
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={drill.columns.length} class="muted">
                    Ничего не найдено
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
