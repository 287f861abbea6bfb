import { sql } from 'drizzle-orm';
import { requireRole, requireUser, requireWriter } from '../access';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { SalaryRule, ruleForMonth } from './calculator';
import { auditInsert } from '../audit';

/** The versions of the company's salary rule, newest first: everyone may read what pays him. */
export async function listSalaryRules({ ctx }: { ctx: ServiceContext }) {
  requireUser(ctx.principal);
  const rows = await ctx.db.all<{ id: number; valid_from: string; rule: string; created_at: number }>(
    sql`SELECT id, valid_from, rule, created_at FROM salary_rules ORDER BY valid_from DESC`,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      validFrom: r.valid_from,
      rule: JSON.parse(r.rule) as Record<string, unknown>,
      createdAt: r.created_at,
    })),
  };
}

/**
 * The admin sets the rule from a month on (replacing that month's version if there is one).
 * Approved statements keep the figures they were approved with; drafts follow the new rule.
 */
export async function saveSalaryRule({ ctx, input }: { ctx: ServiceContext; input: { rule: unknown } }) {
  const caller = requireRole(requireWriter(ctx.principal), 'admin');
  const parsed = SalaryRule.safeParse(input.rule);
  if (!parsed.success) {
    throw new AppError(
      'validation_failed',
      undefined,
      parsed.error.issues.map((i) => ({ field: ['body', 'rule', ...i.path].join('.'), message: i.message })),
    );
  }
  const rule = parsed.data;
  await ctx.db.batch([
    ctx.db.run(sql`INSERT INTO salary_rules (valid_from, rule, created_by, created_at) VALUES (${rule.validFrom}, ${JSON.stringify(rule)}, ${caller.user.id}, ${ctx.now})
      ON CONFLICT (valid_from) DO UPDATE SET rule = excluded.rule, created_by = excluded.created_by, created_at = excluded.created_at`),
    auditInsert(ctx, { action: 'change', entity: 'salary_rule', entityId: rule.validFrom, details: rule }),
  ]);
  return listSalaryRules({ ctx });
}

/** Every version of the rule, for a batch: pass the rows to `ruleOf`. */
export function salaryRuleRows(ctx: ServiceContext) {
  return ctx.db.all<{ rule: string }>(sql`SELECT rule FROM salary_rules ORDER BY valid_from`);
}

/** The version in force in `month`, else null. */
export function ruleOf(rows: readonly { rule: string }[], month: string): SalaryRule | null {
  return ruleForMonth(
    rows.map((r) => SalaryRule.parse(typeof r.rule === 'string' ? JSON.parse(r.rule) : r.rule)),
    month,
  );
}
