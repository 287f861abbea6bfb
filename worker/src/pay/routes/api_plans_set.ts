import { PlanBody, PlanParams, PlanRow } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { setPlan } from '../plans';

export default defineRoute({
  method: 'put',
  path: '/api/plans/:userId/:month',
  tag: 'pay',
  summary: "Задать план менеджера на месяц (руководитель, администратор) / Set a manager's monthly plan",
  access: ['session'],
  params: PlanParams,
  body: PlanBody,
  response: PlanRow,
  handler: ({ ctx, input }) => setPlan({ ctx, input: { ...input.params, ...input.body } }),
});
