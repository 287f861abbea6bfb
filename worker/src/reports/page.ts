import { ReportQuery, type Report, type ReportId } from '../../../schema/contracts';
import { AppError } from '../platform/errors';
import { fill, msg, type Lang, type MessageKey } from '../platform/i18n';
import type { ServiceContext } from '../platform/route';
import { localDate } from '../platform/time';
import type { FormValues } from './pages/reports';
import { getReport } from './get';
import { periodPresets, type PeriodPreset } from './periods';

/** The filter form's labels, for messages about its fields (quoted as the page's language quotes). */
const FIELD_LABEL: Record<string, MessageKey> = {
  from: 'reports.filter.from',
  to: 'reports.filter.to',
  by: 'reports.filter.by',
  managerId: 'reports.filter.manager',
  regionId: 'reports.filter.region',
  companyId: 'reports.filter.company',
  days: 'reports.filter.days',
};
const fieldName = (field: string, lang: Lang) => {
  const key = FIELD_LABEL[field];
  if (key) return fill(msg('reports.quote', lang), { text: msg(key, lang) });
  return field === 'source' ? msg('reports.filter.source', lang) : field;
};

export type ReportPage =
  | { kind: 'report'; report: Report; query: ReportQuery; presets: PeriodPreset[] }
  | { kind: 'error'; status: 400 | 403; message: string; form: FormValues; presets: PeriodPreset[] };

/**
 * A report page from the form's raw query: empty fields mean "all" (the contract); a value the report
 * refuses (a wrong day, another region) comes back as a message to show above the form, in the
 * page's language (`lang`: the services' own messages follow it too).
 */
export async function reportPage({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { report: ReportId; query: Record<string, string>; lang: Lang };
}): Promise<ReportPage> {
  const lang = input.lang;
  const presets = periodPresets(localDate(ctx.now, 'Europe/Moscow'));
  const form: FormValues = {
    report: input.report,
    from: input.query['from'] ?? '',
    to: input.query['to'] ?? '',
    by: input.query['by'] ?? '',
  };
  const parsed = ReportQuery.safeParse(input.query);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => fieldName(String(i.path[0]), lang)))];
    const message = fill(msg(fields.length > 1 ? 'reports.error.fields' : 'reports.error.field', lang), { fields: fields.join(', ') });
    return { kind: 'error', status: 400, form, presets, message };
  }
  try {
    const report = await getReport({ ctx: { ...ctx, lang }, input: { report: input.report, query: parsed.data } });
    return { kind: 'report', report, query: parsed.data, presets };
  } catch (err) {
    if (!(err instanceof AppError) || (err.code !== 'validation_failed' && err.code !== 'forbidden')) throw err;
    const detail = err.fields?.map((f) => f.message).join('; ');
    return {
      kind: 'error',
      status: err.code === 'forbidden' ? 403 : 400,
      form,
      presets,
      message: err.code === 'forbidden' ? err.messageIn(lang) : detail || err.messageIn(lang),
    };
  }
}
