import { MonthQuery } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { appHeader, htmlPage } from '../../platform/page-layout';
import { PLANS_SCRIPT, renderPlans } from '../pages/pay';
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
    return htmlPage(c, {
      title: 'Планы продаж',
      header: appHeader(viewer.name),
      body: renderPlans(plans.month, plans.items, viewer.role !== 'manager'),
      script: PLANS_SCRIPT,
    });
  },
});
