import { MonthQuery, PlanList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listPlans } from '../plans';

export default defineRoute({
  method: 'get',
  path: '/api/plans',
  tag: 'pay',
  summary: 'Планы месяца и их выполнение / Plans of a month and the fact',
  access: ['session', 'extension'],
  query: MonthQuery,
  response: PlanList,
  handler: ({ ctx, input }) => listPlans({ ctx, input: input.query }),
});
