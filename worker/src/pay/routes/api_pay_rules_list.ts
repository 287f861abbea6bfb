import { SalaryRuleList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listSalaryRules } from '../rules';

export default defineRoute({
  method: 'get',
  path: '/api/pay/rules',
  tag: 'pay',
  summary: 'Версии правила оплаты / Salary rule versions',
  access: ['session'],
  response: SalaryRuleList,
  handler: ({ ctx }) => listSalaryRules({ ctx }),
});
