/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { MonthQuery } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { renderPage } from '../../platform/page';
import { RuleView, StatementList, StatementView } from '../pages/pay';
import { currentMonth } from '../people';
import { listSalaryRules } from '../rules';
import { getStatement, listStatements } from '../statements';
import { getUserTimeZone } from '../../admin';

/** Pay of a month: a manager sees his own statement; a head his regions' list and the export. */
export default defineRoute({
  method: 'get',
  path: '/app/pay',
  tag: 'pages',
  summary: 'Salary page',
  page: true,
  access: ['session'],
  query: MonthQuery,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const month = input.query.month ?? currentMonth(ctx.now);
    const rules = await listSalaryRules({ ctx });
    const rule = rules.items.find((r) => r.validFrom <= month);
    const main =
      viewer.role === 'manager' ? (
        <StatementView
          s={await getStatement({ ctx, input: { userId: viewer.id, month } })}
          timeZone={await getUserTimeZone({ ctx })}
          picker
        />
      ) : (
        <StatementList month={month} items={(await listStatements({ ctx, input: { month } })).items} canExport />
      );
    return renderPage(c, {
      title: 'Зарплата',
      header: { userName: viewer.name },
      body: (
        <>
          {main}
          <RuleView rule={rule} isAdmin={viewer.role === 'admin'} month={month} />
        </>
      ),
      scripts: ['pay', 'pay-rule'],
    });
  },
});
