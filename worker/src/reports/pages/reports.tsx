/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { REPORT_CATALOGUE, reportIds, type DrillDown, type Report, type ReportId, type ReportQuery } from '../../../../schema/contracts';
import { barChart } from '../../platform/chart';
import { formatRubles, formatSpan } from '../../platform/ru-format';

/** The report pages: filters as a GET form, a server-drawn chart, a table whose figures link down (script: pages/src/report.ts). */

const STYLE = `
h1{margin:0 0 8px;font-size:24px}h2{font-size:18px;margin:18px 0 10px}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:0 12px;align-items:end}
.filters button{margin-top:0}.links{display:flex;gap:16px;flex-wrap:wrap;margin:10px 0}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}.totals td{font-weight:700;border-top:2px solid var(--ink)}
.scroll{overflow-x:auto}.reports{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:12px}
.reports a{display:block;padding:14px;border:1px solid var(--line);border-radius:8px;background:#fff;text-decoration:none}
figure{margin:0}
@media (max-width:640px){table.list thead{display:none}table.list tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
table.list td{display:block;border:0;padding:2px 8px;text-align:left}table.list td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
@media print{.filters,.links{display:none}.card{border:0;padding:0}}
`;

export const REPORT_LIST: { id: ReportId; titleRu: string; hintRu: string }[] = reportIds.map((id) => ({ id, ...REPORT_CATALOGUE[id] }));

const pad2 = (n: number) => String(n).padStart(2, '0');
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
        title: 'Медиана и 90-й перцентиль, часы',
        categories: report.series.map((p) => String(p['stage'])),
        series: [
          {
            name: 'Медиана',
            values: report.series.map((p) => (p['median_min'] === null ? NaN : Math.round(Number(p['median_min']) / 6) / 10)),
          },
          {
            name: '90-й перцентиль',
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

function Filters({ report, q, choices }: { report: Report; q: ReportQuery; choices: FilterChoices }): Child {
  return (
    <form class="filters" method="get" action={`/app/reports/${report.report}`}>
      <div>
        <label for="from">С</label>
        <input type="date" id="from" name="from" value={report.from} />
      </div>
      <div>
        <label for="to">По</label>
        <input type="date" id="to" name="to" value={report.to} />
      </div>
      {report.report === 'stages' || report.report === 'dormant' ? null : (
        <div>
          <label for="by">Шаг</label>
          <select id="by" name="by">
            <option value="day" selected={report.by === 'day'}>
              день
            </option>
            <option value="week" selected={report.by === 'week'}>
              неделя
            </option>
            <option value="month" selected={report.by === 'month'}>
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
              <option value="" selected={q.managerId === undefined}>
                все
              </option>
              {choices.managers.map((m) => (
                <option value={String(m.id)} selected={q.managerId === m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="regionId">Регион</label>
            <select id="regionId" name="regionId">
              <option value="" selected={q.regionId === undefined}>
                все
              </option>
              {choices.regions.map((r) => (
                <option value={String(r.id)} selected={q.regionId === r.id}>
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
      {report.report === 'dormant' ? (
        <div>
          <label for="days">Без касаний, дней</label>
          <input id="days" name="days" inputmode="numeric" value={String(q.days ?? report.totals['days'] ?? '')} />
        </div>
      ) : null}
      <div>
        <button type="submit">Показать</button>
      </div>
    </form>
  );
}

/** A figure that links to the clients, leads, calls or documents behind it. */
function Figure({ report, q, row, c }: { report: Report; q: ReportQuery; row: Row; c: Column }): Child {
  const text = formatCell(c, row[c.key]);
  if (report.report === 'dormant' && c.key === 'company') return <a href={`/app/clients/${row['companyId']}`}>{text}</a>;
  if (!numeric(c) || !row[c.key] || report.report === 'dormant') return <>{text}</>;
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

export function ReportView({ report, q, choices }: { report: Report; q: ReportQuery; choices: FilterChoices }): Child {
  const exportHref = (format: string) =>
    `/api/reports/${report.report}/export${queryString({ ...q, from: report.from, to: report.to, by: report.by }, { format })}`;
  const cellClass = (c: Column) => (numeric(c) ? 'n' : undefined);
  return (
    <>
      <style>{raw(STYLE)}</style>
      <div class="card">
        <p>
          <a href="/app/reports">← Все отчёты</a>
        </p>
        <h1>{report.titleRu}</h1>
        <Filters report={report} q={q} choices={choices} />
        <div class="links">
          <a href={exportHref('xlsx')} data-testid="export-xlsx">
            Скачать XLSX
          </a>
          <a href={exportHref('csv')}>Скачать CSV</a>
          <button type="button" class="secondary" id="print" style="margin:0">
            Печать
          </button>
        </div>
        <p class="muted">
          {report.from} — {report.to}
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
        <div class="scroll">
          <table class="list" data-testid="report-table">
            <thead>
              <tr>
                {report.tableColumns.map((c) => (
                  <th class={cellClass(c)}>{c.titleRu}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.rows.length ? (
                report.rows.map((r) => (
                  <tr>
                    {report.tableColumns.map((c) => (
                      <td data-label={c.titleRu} class={cellClass(c)}>
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
            {report.report === 'dormant' || report.report === 'stages' ? null : (
              <tfoot>
                <tr class="totals">
                  {report.tableColumns.map((c, i) => (
                    <td class={cellClass(c)}>{i === 0 ? 'Итого' : formatCell(c, report.totals[c.key] as number | null)}</td>
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
          <table class="list" data-testid="drill-table">
            <thead>
              <tr>
                {drill.columns.map((c) => (
                  <th class={cellClass(c)}>{c.titleRu}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {drill.rows.length ? (
                drill.rows.map((r) => (
                  <tr>
                    {drill.columns.map((c) => (
                      <td data-label={c.titleRu} class={cellClass(c)}>
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
