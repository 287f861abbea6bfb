import { z } from 'zod';

/** Plans, salary statements and the KPI widgets: what the API answers (docs/pay.md). */

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'Месяц в формате ГГГГ-ММ / Month as YYYY-MM');
export const MonthQuery = z.object({ month: Month.optional() });

export const statementStateIds = ['draft', 'checked', 'disputed', 'approved', 'exported'] as const;
export const statementActionIds = ['check', 'dispute', 'recompute', 'answer', 'approve'] as const;

export const SalaryLineOut = z.object({
  code: z.enum(['base', 'commission', 'plan_bonus', 'kpi_targeted_calls']),
  titleRu: z.string(),
  titleEn: z.string(),
  amountKopecks: z.number().int(),
  explanation: z.string(),
  refs: z.array(z.number().int()),
});

export const SalaryFigures = z.object({
  basis: z.enum(['shipments', 'payments']),
  ruleValidFrom: z.string(),
  basisKopecks: z.number().int(),
  planKopecks: z.number().int().nullable(),
  planCompletionBp: z.number().int().nullable(),
  lines: z.array(SalaryLineOut),
  totalKopecks: z.number().int(),
});

export const PayStatement = z
  .object({
    userId: z.number().int(),
    userName: z.string(),
    month: Month,
    state: z.enum(statementStateIds),
    stateRu: z.string(),
    /** Approved or exported: the figures are the snapshot taken at approval, never recomputed. */
    frozen: z.boolean(),
    /** Null when no salary rule covers the month (`problem` says so). */
    figures: SalaryFigures.nullable(),
    problem: z.string().nullable(),
    disputeComment: z.string().nullable(),
    resolutionComment: z.string().nullable(),
    approvedAt: z.number().int().nullable(),
    approvedByName: z.string().nullable(),
    exportedAt: z.number().int().nullable(),
    /** What the caller may do to it now. */
    actions: z.array(z.enum(statementActionIds)),
  })
  .meta({ id: 'PayStatement' });
export type PayStatement = z.infer<typeof PayStatement>;

export const PayStatementList = z
  .object({
    month: Month,
    items: z.array(
      PayStatement.omit({ figures: true }).extend({
        totalKopecks: z.number().int().nullable(),
        basisKopecks: z.number().int().nullable(),
        planCompletionBp: z.number().int().nullable(),
      }),
    ),
  })
  .meta({ id: 'PayStatementList' });

export const StatementParams = z.object({ userId: z.coerce.number().int().positive(), month: Month });
export const StatementAction = z.object({
  action: z.enum(statementActionIds),
  comment: z.string().trim().max(2000).optional(),
});
export const PayExportBody = z.object({ month: Month });

/** A head approves the checked statements of his managers in one step (the ids of the managers). */
export const ApproveStatementsBody = z.object({
  month: Month,
  userIds: z
    .array(z.number().int().positive())
    .min(1, 'Отметьте хотя бы один расчёт / Select at least one statement')
    .max(500, 'Не больше 500 расчётов за раз / At most 500 at once'),
  /** The resolution, needed to approve a disputed statement; the same for every one. */
  comment: z.string().trim().max(2000).optional(),
});
export const ApproveStatementsResult = z
  .object({
    month: Month,
    /** Approved by this request. */
    approved: z.array(z.number().int()),
    /** Approved or exported before: left as they were. */
    already: z.array(z.number().int()),
    /** Could not be approved now, with the reason (a draft the manager has not checked, a dispute without a resolution). */
    refused: z.array(z.object({ userId: z.number().int(), userName: z.string(), reason: z.string() })),
    totalKopecks: z.number().int(),
  })
  .meta({ id: 'ApproveStatementsResult' });

export const PlanRow = z.object({
  userId: z.number().int(),
  userName: z.string(),
  month: Month,
  metric: z.enum(['shipments', 'payments']),
  planKopecks: z.number().int().nullable(),
  factKopecks: z.number().int(),
  completionBp: z.number().int().nullable(),
});
export const PlanList = z.object({ month: Month, items: z.array(PlanRow) }).meta({ id: 'PlanList' });
export const PlanParams = StatementParams;
export const PlanBody = z.object({
  amountKopecks: z.number().int().min(0).max(1e15),
  metric: z.enum(['shipments', 'payments']).default('shipments'),
});
/** Rows as the plans page read them from a CSV/XLSX file (the browser parses; money is checked here). */
export const PlanImportBody = z.object({
  rows: z
    .array(
      z.object({
        email: z.string().max(200),
        month: z.string().max(20),
        amount: z.union([z.string().max(40), z.number()]),
        metric: z.string().max(40).optional(),
      }),
    )
    .min(1)
    .max(5000),
});
export const PlanImportResult = z
  .object({
    saved: z.number().int(),
    rows: z.array(
      z.object({
        line: z.number().int(),
        email: z.string().nullable(),
        month: z.string().nullable(),
        amountKopecks: z.number().int().nullable(),
        ok: z.boolean(),
        error: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'PlanImportResult' });

export const SalaryRuleVersion = z.object({
  id: z.number().int(),
  validFrom: z.string(),
  rule: z.record(z.string(), z.unknown()),
  createdAt: z.number().int(),
});
export const SalaryRuleList = z.object({ items: z.array(SalaryRuleVersion) }).meta({ id: 'SalaryRuleList' });

/** The manager's month widget: plan, pay so far, today's targeted calls, own funnel, tasks. */
export const WidgetMonth = z
  .object({
    userName: z.string(),
    month: Month,
    date: z.string(),
    planKopecks: z.number().int().nullable(),
    factKopecks: z.number().int(),
    planCompletionBp: z.number().int().nullable(),
    earnedKopecks: z.number().int().nullable(),
    targetedCallsToday: z.number().int(),
    targetedCallsTarget: z.number().int().nullable(),
    funnel: z.array(z.object({ stageId: z.string(), nameRu: z.string(), count: z.number().int(), stuck: z.number().int() })),
    stuckLeads: z.array(z.object({ leadId: z.number().int(), companyName: z.string(), stageRu: z.string(), since: z.number().int() })),
    overdueTasks: z.number().int(),
    callBacks: z.array(
      z.object({
        taskId: z.number().int(),
        companyId: z.number().int().nullable(),
        companyName: z.string().nullable(),
        phone: z.string().nullable(),
        dueAt: z.number().int().nullable(),
      }),
    ),
    /** When these figures were read, ms: the widget shows how fresh it is. */
    at: z.number().int(),
  })
  .meta({ id: 'WidgetMonth' });
export type WidgetMonth = z.infer<typeof WidgetMonth>;

/** The head's region widget: the region's plan and a leaderboard of its managers. */
export const WidgetRegion = z
  .object({
    userName: z.string(),
    month: Month,
    regions: z.array(z.string()),
    planKopecks: z.number().int(),
    factKopecks: z.number().int(),
    planCompletionBp: z.number().int().nullable(),
    leaders: z.array(
      z.object({
        userId: z.number().int(),
        name: z.string(),
        planKopecks: z.number().int().nullable(),
        factKopecks: z.number().int(),
        planCompletionBp: z.number().int().nullable(),
        targetedCallsToday: z.number().int(),
      }),
    ),
    at: z.number().int(),
  })
  .meta({ id: 'WidgetRegion' });
export type WidgetRegion = z.infer<typeof WidgetRegion>;
