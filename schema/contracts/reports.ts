import { z } from 'zod';
import { formOptional } from './companies';

/** The six leading indicators for heads of sales (docs/reports.md): filters and answers. */

export const reportIds = ['calls', 'leads', 'stages', 'clients', 'dormant', 'invoices'] as const;
export type ReportId = (typeof reportIds)[number];

/** The one catalogue of the reports: the title every page, table, export and sheet shows, and the hint of the reports list. */
export const REPORT_CATALOGUE: Readonly<Record<ReportId, { titleRu: string; hintRu: string }>> = {
  calls: {
    titleRu: 'Звонки менеджеров',
    hintRu: 'входящие, исходящие, пропущенные, целевые и время разговоров по дням и неделям каждого менеджера',
  },
  leads: { titleRu: 'Новые интересы по каналам', hintRu: 'по каналам: звонок, почта, 1С, вручную, импорт' },
  stages: {
    titleRu: 'Время на этапах воронки',
    hintRu: 'за сколько проходят этап половина и 9 из 10 интересов, сколько интересы стоят на этапе сейчас',
  },
  clients: { titleRu: 'Новые клиенты и рост базы', hintRu: 'созданные и с первой оплатой, рост базы' },
  dormant: { titleRu: 'Клиенты без касаний и спящие', hintRu: 'кого давно не трогали, по выручке под риском' },
  invoices: { titleRu: 'Счета, оплаты и отгрузки', hintRu: 'количество, суммы и конверсия между ними' },
};

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Дата в формате ГГГГ-ММ-ДД / Date as YYYY-MM-DD');

/** The report pages' filters are a GET form: a select left at «все» or an empty box is sent empty and means "all". */
export const ReportQuery = z.object({
  from: formOptional(Day),
  /** Inclusive. */
  to: formOptional(Day),
  by: formOptional(z.enum(['day', 'week', 'month'])),
  managerId: formOptional(z.coerce.number().int().positive()),
  regionId: formOptional(z.coerce.number().int().positive()),
  companyId: formOptional(z.coerce.number().int().positive()),
  /** Dormant clients: no interaction for this many days. */
  days: formOptional(z.coerce.number().int().min(1).max(3650)),
  /** `raw`: the same figures by GROUP BY over the raw rows (the admin's check; the benchmark's baseline). */
  source: formOptional(z.enum(['rollup', 'raw'])),
});
export type ReportQuery = z.infer<typeof ReportQuery>;

export const ReportParams = z.object({ report: z.enum(reportIds) });
export const ReportExportParams = z.object({ report: z.enum(reportIds), format: z.enum(['csv', 'xlsx']) });

export const ReportColumn = z.object({
  key: z.string(),
  titleRu: z.string(),
  kind: z.enum(['text', 'int', 'money', 'percent', 'date', 'duration']),
});

/** One answer shape for every report: a series for the chart, a table, totals, and links down. */
export const Report = z
  .object({
    report: z.enum(reportIds),
    titleRu: z.string(),
    from: Day,
    to: Day,
    by: z.enum(['day', 'week', 'month']),
    source: z.enum(['rollup', 'raw']),
    /** Chart: one point per period bucket (or per stage), values keyed like `seriesColumns`. */
    seriesColumns: z.array(ReportColumn),
    series: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    totals: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
    tableColumns: z.array(ReportColumn),
    /** Rows of the table; `href` drills down to the clients or leads behind the row. */
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    /** By week: one series per manager (the report's first measure), values aligned with `series`. */
    managerSeries: z
      .object({
        measure: z.string(),
        managers: z.array(z.object({ userId: z.number().int(), name: z.string(), values: z.array(z.number()) })),
      })
      .optional(),
    notes: z.array(z.string()),
  })
  .meta({ id: 'Report' });
export type Report = z.infer<typeof Report>;

export const DrillQuery = ReportQuery.extend({
  /** What the figure counted: e.g. `missed`, `ch_mail`, `converted`, a stage id. */
  measure: z.string().max(40).optional(),
  /** The period bucket clicked (a day, a week's Monday or a month). */
  bucket: z.string().max(10).optional(),
});
export type DrillQuery = z.infer<typeof DrillQuery>;

export const DrillDown = z
  .object({
    report: z.enum(reportIds),
    titleRu: z.string(),
    columns: z.array(ReportColumn),
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
    truncated: z.boolean(),
  })
  .meta({ id: 'DrillDown' });
export type DrillDown = z.infer<typeof DrillDown>;
