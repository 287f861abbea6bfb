import { StatementParams } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { appHeader, htmlPage } from '../../platform/page-layout';
import { PAY_SCRIPT, renderStatement } from '../pages/pay';
import { getStatement } from '../statements';
import { getUserTimeZone } from '../../admin';

export default defineRoute({
  method: 'get',
  path: '/app/pay/:userId/:month',
  tag: 'pages',
  summary: 'Salary statement page',
  page: true,
  access: ['session'],
  params: StatementParams,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const [statement, timeZone] = await Promise.all([getStatement({ ctx, input: input.params }), getUserTimeZone({ ctx })]);
    return htmlPage(c, {
      title: `Зарплата — ${statement.userName}`,
      header: appHeader(viewer.name),
      body: renderStatement(statement, timeZone),
      script: PAY_SCRIPT,
    });
  },
});
