import { z } from 'zod';
import { ReportParams, ReportQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { exportReport } from '../export';

export default defineRoute({
  method: 'get',
  path: '/api/reports/:report/export',
  tag: 'reports',
  summary: 'Отчёт в XLSX или CSV для Excel (выгрузка записывается в журнал) / A report as XLSX or CSV',
  access: ['session'],
  params: ReportParams,
  // `lang`: the titles' language — the report page's export links carry the page's (Russian without it).
  query: ReportQuery.extend({ format: z.enum(['csv', 'xlsx']).default('xlsx'), lang: z.enum(['ru', 'en']).optional() }),
  handler: ({ ctx, input }) => {
    const { format, lang, ...query } = input.query;
    return exportReport({ ctx, input: { report: input.params.report, format, query, ...(lang ? { lang } : {}) } });
  },
});
