/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { StatementParams } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { renderPage } from '../../platform/page';
import { StatementView } from '../pages/pay';
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
    return renderPage(c, {
      title: `Зарплата — ${statement.userName}`,
      header: { userName: viewer.name },
      body: <StatementView s={statement} timeZone={timeZone} />,
      scripts: ['pay'],
    });
  },
});
