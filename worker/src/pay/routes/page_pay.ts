import { MonthQuery } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { appHeader, htmlPage } from '../../platform/page-layout';
import { PAY_SCRIPT, RULE_SCRIPT, renderRule, renderStatement, renderStatementList } from '../pages/pay';
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
      viewer.role === 'manager'
        ? renderStatement(await getStatement({ ctx, input: { userId: viewer.id, month } }), await getUserTimeZone({ ctx }))
        : renderStatementList(month, (await listStatements({ ctx, input: { month } })).items, true);
    return htmlPage(c, {
      title: 'Зарплата',
      header: appHeader(viewer.name),
      body: main + renderRule(rule, viewer.role === 'admin'),
      script: PAY_SCRIPT + RULE_SCRIPT,
    });
  },
});
