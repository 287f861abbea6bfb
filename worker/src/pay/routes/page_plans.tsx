/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { MonthQuery } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { renderPage } from '../../platform/page';
import { PlansView } from '../pages/pay';
import { listPlans } from '../plans';

export default defineRoute({
  method: 'get',
  path: '/app/plans',
  tag: 'pages',
  summary: 'Sales plans page',
  page: true,
  access: ['session'],
  query: MonthQuery,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const plans = await listPlans({ ctx, input: input.query });
    return renderPage(c, {
      title: 'Планы продаж',
      header: { userName: viewer.name },
      body: <PlansView month={plans.month} items={plans.items} canEdit={viewer.role !== 'manager'} />,
      scripts: ['plans'],
    });
  },
});
