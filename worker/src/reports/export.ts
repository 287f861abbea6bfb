import type { Report, ReportId, ReportQuery } from '../../../schema/contracts';
import { CSV_BOM, csvCell, csvLine, csvResponse } from '../platform/csv';
import type { ServiceContext } from '../platform/route';
import { xlsxResponse, xlsxWorkbook, type XlsxColumnKind } from '../platform/xlsx';
import { auditInsert } from '../audit';
import { msg, type Lang } from '../platform/i18n';
import { getReport } from './get';
import { reportText } from './translate';

type Column = Report['tableColumns'][number];

/** A column's title with its unit, in the language of the page the export was asked from. */
function header(c: Column, lang: Lang): string {
  const title = reportText(c.titleRu, lang);
  if (c.kind === 'duration') return `${title}, ${msg(c.key.endsWith('_sec') ? 'reports.export.sec' : 'reports.export.min', lang)}`;
  return c.kind === 'money' ? `${title}, ₽` : title;
}
const XLSX_KIND: Record<Column['kind'], XlsxColumnKind> = {
  text: 'text',
  int: 'int',
  money: 'money',
  percent: 'percent',
  date: 'text',
  duration: 'int',
};

/** A CSV cell as Russian Excel reads it: money in roubles with a decimal comma, shares in percent. */
function csvValue(c: Column, v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '';
  if (c.kind === 'money' && typeof v === 'number')
    return `${v < 0 ? '-' : ''}${Math.floor(Math.abs(v) / 100)},${String(Math.abs(v) % 100).padStart(2, '0')}`;
  if (c.kind === 'percent' && typeof v === 'number') return `${Math.floor(v / 100)},${String(v % 100).padStart(2, '0')}`;
  return csvCell(v);
}

/**
 * A report's table (and, on a second sheet, its series by period) as CSV or XLSX for Excel,
 * audit-logged with the filters it was made with. Column titles and sheet names are in `lang` (the
 * page's language: its export links carry `lang=en`); the rows are the report's values as they are.
 */
export async function exportReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { report: ReportId; format: 'csv' | 'xlsx'; query: ReportQuery; lang?: Lang };
}): Promise<Response> {
  const lang = input.lang ?? 'ru';
  const report = await getReport({ ctx, input: { report: input.report, query: input.query } });
  await auditInsert(ctx, {
    action: 'export',
    entity: 'report',
    entityId: input.report,
    details: { format: input.format, ...input.query, rows: report.rows.length },
  });
  const filename = `voronka-${input.report}-${report.from}-${report.to}`;
  if (input.format === 'csv') {
    const lines = [
      csvLine(report.tableColumns.map((c) => csvCell(header(c, lang)))),
      ...report.rows.map((r) => csvLine(report.tableColumns.map((c) => csvValue(c, r[c.key])))),
    ];
    return csvResponse(CSV_BOM + lines.join(''), `${filename}.csv`);
  }
  const sheet = (name: string, columns: Column[], rows: Report['rows']) => ({
    name,
    columns: columns.map((c) => ({ header: header(c, lang), kind: XLSX_KIND[c.kind] })),
    rows: rows.map((r) =>
      columns.map((c) => {
        const v = r[c.key];
        return XLSX_KIND[c.kind] === 'text'
          ? v === null || v === undefined
            ? null
            : String(v)
          : typeof v === 'number'
            ? Math.round(v)
            : null;
      }),
    ),
  });
  const bytes = xlsxWorkbook([
    sheet(lang === 'ru' ? report.titleRu : msg(`reports.${report.report}.title`, lang), report.tableColumns, report.rows),
    sheet(msg('reports.export.byPeriod', lang), report.seriesColumns, report.series),
  ]);
  return xlsxResponse(bytes, `${filename}.xlsx`);
}
