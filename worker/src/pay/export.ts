import { sql } from 'drizzle-orm';
import { requireRole, requireWriter } from '../access';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { statementCsv, type SalaryStatement } from './calculator';
import { auditInsert } from '../audit';
import { payPeople } from './people';

/**
 * The month's approved statements in the caller's scope as accruals for 1C:ЗУП (CSV). Approved
 * ones become «выгружен»; those exported before are included again, unchanged, so a lost file can
 * be downloaded once more. Audit-logged with who and which statements.
 */
export async function exportPayroll({ ctx, input }: { ctx: ServiceContext; input: { month: string } }) {
  requireRole(requireWriter(ctx.principal), 'head', 'admin');
  const people = await payPeople(ctx);
  const ids = JSON.stringify(people.map((p) => p.id));
  const rows = await ctx.db.all<{
    user_id: number;
    snapshot: string;
    name: string;
    email: string;
    state: string;
  }>(sql`SELECT s.user_id, s.snapshot, s.state, u.name, u.email
    FROM salary_statements s JOIN users u ON u.id = s.user_id
    WHERE s.month = ${input.month} AND s.state IN ('approved', 'exported') AND s.snapshot IS NOT NULL AND s.user_id IN (SELECT value FROM json_each(${ids}))
    ORDER BY u.name, u.id`);
  if (!rows.length) {
    throw new AppError('conflict', {
      ru: `За ${input.month} нет утверждённых расчётов — выгружать нечего`,
      en: `No approved statements for ${input.month}`,
    });
  }
  const statements = rows.map((r) => JSON.parse(r.snapshot) as SalaryStatement);
  const csv = statementCsv(
    statements,
    rows.map((r) => ({ userId: r.user_id, email: r.email, fullName: r.name })),
  );
  const exported = JSON.stringify(rows.map((r) => r.user_id));
  await ctx.db.batch([
    ctx.db.run(sql`UPDATE salary_statements SET state = 'exported', exported_at = ${ctx.now}, updated_at = ${ctx.now}
      WHERE month = ${input.month} AND state = 'approved' AND user_id IN (SELECT value FROM json_each(${exported}))`),
    auditInsert(ctx, {
      action: 'export',
      entity: 'payroll',
      entityId: input.month,
      details: {
        userIds: rows.map((r) => r.user_id),
        again: rows.filter((r) => r.state === 'exported').map((r) => r.user_id),
        totalKopecks: statements.reduce((s, st) => s + st.totalKopecks, 0),
      },
    }),
  ]);
  return { csv, filename: `zup-nachisleniya-${input.month}.csv` };
}
