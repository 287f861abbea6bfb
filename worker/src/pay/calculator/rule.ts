import { z } from 'zod';
import { isMonth } from '../../../../schema/domain/calendar-ru';

/** What plan completion and commission are counted on: 1C shipments, or payments (bank + cash). */
export const salaryBases = ['shipments', 'payments'] as const;
export type SalaryBasis = (typeof salaryBases)[number];

export const salaryKpiModes = ['all_or_nothing', 'proportional_capped'] as const;
export type SalaryKpiMode = (typeof salaryKpiModes)[number];

const Month = z.string().refine(isMonth, { message: 'Месяц в формате ГГГГ-ММ / Month as YYYY-MM' });

const kopecks = (labelRu: string, labelEn: string) =>
  z
    .number({ error: `${labelRu}: нужно число / ${labelEn}: a number is required` })
    .int(`${labelRu}: целое число копеек / ${labelEn}: whole kopecks`)
    .min(0, `${labelRu}: не меньше нуля / ${labelEn}: not negative`);

const basisPoints = (labelRu: string, labelEn: string, max: number) =>
  z
    .number({ error: `${labelRu}: нужно число / ${labelEn}: a number is required` })
    .int(`${labelRu}: целое число сотых долей процента / ${labelEn}: whole basis points`)
    .min(0, `${labelRu}: не меньше нуля / ${labelEn}: not negative`)
    .max(max, `${labelRu}: не больше ${max / 100} % / ${labelEn}: at most ${max / 100} %`);

/** Plan completion threshold in basis points, inclusive: 8000 means "from 80.00 %". */
const FromCompletion = basisPoints('Порог выполнения плана', 'Completion threshold', 100_000);

/**
 * One bonus tier: from its threshold up to the next one's, either a fixed sum or a share of the
 * basis. Tiers do not add up — the highest one reached pays.
 */
export const SalaryBonusTier = z.discriminatedUnion(
  'kind',
  [
    z.object({
      kind: z.literal('fixed'),
      fromCompletionBp: FromCompletion,
      amountKopecks: kopecks('Премия', 'Bonus'),
    }),
    z.object({
      kind: z.literal('basis_share'),
      fromCompletionBp: FromCompletion,
      basisBp: basisPoints('Доля от базы', 'Share of the basis', 10_000),
    }),
  ],
  { error: 'Вид премии: «fixed» (сумма) или «basis_share» (доля от базы) / Tier kind: fixed or basis_share' },
);
export type SalaryBonusTier = z.infer<typeof SalaryBonusTier>;

/** A KPI part: a fixed sum for reaching the average of targeted calls per working day. */
export const SalaryKpi = z.object({
  kind: z.literal('targeted_calls_per_working_day', { error: 'Неизвестный вид KPI / Unknown KPI kind' }),
  target: z
    .number({ error: 'Цель: нужно число / Target: a number is required' })
    .int('Цель: целое число звонков / Target: whole calls')
    .min(1, 'Цель: хотя бы один звонок в день / Target: at least one call a day')
    .max(1000, 'Цель: не больше 1000 звонков в день / Target: at most 1000 calls a day'),
  amountKopecks: kopecks('Сумма KPI', 'KPI amount'),
  mode: z.enum(salaryKpiModes, {
    error: 'Режим KPI: «всё или ничего» или «пропорционально» / KPI mode: all_or_nothing or proportional_capped',
  }),
});
export type SalaryKpi = z.infer<typeof SalaryKpi>;

/**
 * The company's salary rule from `validFrom` on (until a later version). Amounts in kopecks, shares in
 * basis points (150 = 1.50 %). Parse an admin form with it; defaults give a base-and-commission rule.
 */
export const SalaryRule = z
  .object({
    validFrom: Month,
    baseKopecks: kopecks('Оклад', 'Base salary'),
    commissionBp: basisPoints('Комиссия', 'Commission', 10_000),
    basis: z.enum(salaryBases, { error: 'База: отгрузки или оплаты / Basis: shipments or payments' }).default('shipments'),
    tiers: z.array(SalaryBonusTier).max(10, 'Не больше 10 ступеней премии / At most 10 bonus tiers').default([]),
    kpis: z.array(SalaryKpi).max(5, 'Не больше 5 KPI / At most 5 KPI parts').default([]),
  })
  .superRefine((rule, ctx) => {
    rule.tiers.forEach((tier, i) => {
      const previous = rule.tiers[i - 1];
      if (previous && tier.fromCompletionBp <= previous.fromCompletionBp) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', i, 'fromCompletionBp'],
          message: 'Ступени премии — по возрастанию порога, без повторов / Bonus tiers must ascend by threshold, without repeats',
        });
      }
    });
    const kinds = new Set<string>();
    rule.kpis.forEach((kpi, i) => {
      if (kinds.has(kpi.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['kpis', i, 'kind'],
          message: 'Этот KPI уже есть в правиле / This KPI is already in the rule',
        });
      }
      kinds.add(kpi.kind);
    });
  });
export type SalaryRule = z.infer<typeof SalaryRule>;

/** The version of the rule in force in a month: the latest `validFrom` not after it, else null. */
export function ruleForMonth(rules: readonly SalaryRule[], month: string): SalaryRule | null {
  let found: SalaryRule | null = null;
  for (const rule of rules) {
    if (rule.validFrom <= month && (!found || rule.validFrom > found.validFrom)) found = rule;
  }
  return found;
}
