import { ReportQuery, type Report, type ReportId } from '../../../schema/contracts';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { localDate } from '../platform/time';
import type { FormValues } from './pages/reports';
import { getReport } from './get';
import { periodPresets, type PeriodPreset } from './periods';

/** Field names of the filter form, for messages about them. */
const FIELD_RU: Record<string, string> = {
  from: '«С»',
  to: '«По»',
  by: '«Шаг»',
  managerId: '«Менеджер»',
  regionId: '«Регион»',
  companyId: '«Клиент (номер)»',
  days: '«Без касаний, дней»',
  source: 'источник',
};

export type ReportPage =
  | { kind: 'report'; report: Report; query: ReportQuery; presets: PeriodPreset[] }
  | { kind: 'error'; status: 400 | 403; message: string; form: FormValues; presets: PeriodPreset[] };

/**
 * A report page from the form's raw query: empty fields mean "all" (the contract); a value the report
 * refuses (a wrong day, another region) comes back as a Russian message to show above the form.
 */
export async function reportPage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { report: ReportId; query: Record<string, string> };
}): Promise<ReportPage> {
  const presets = periodPresets(localDate(ctx.now, 'Europe/Moscow'));
  const form: FormValues = {
    report: input.report,
    from: input.query['from'] ?? '',
    to: input.query['to'] ?? '',
    by: input.query['by'] ?? '',
  };
  const parsed = ReportQuery.safeParse(input.query);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => FIELD_RU[String(i.path[0])] ?? String(i.path[0])))];
    return { kind: 'error', status: 400, form, presets, message: `Проверьте ${fields.length > 1 ? 'поля' : 'поле'} ${fields.join(', ')}.` };
  }
  try {
    const report = await getReport({ ctx, input: { report: input.report, query: parsed.data } });
    return { kind: 'report', report, query: parsed.data, presets };
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'validation_failed' && err.code !== 'forbidden')) throw err;
    const detail = err.fields?.map((f) => f.message).join('; ');
    return {
      kind: 'error',
      status: err.code === 'forbidden' ? 403 : 400,
      form,
      presets,
      message: err.code === 'forbidden' ? err.messageIn('ru') : detail || err.messageIn('ru'),
    };
  }
}
