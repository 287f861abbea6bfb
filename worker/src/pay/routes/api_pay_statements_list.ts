import { MonthQuery, PayStatementList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listStatements } from '../statements';

export default defineRoute({
  method: 'get',
  path: '/api/pay/statements',
  tag: 'pay',
  summary: 'Расчёты зарплаты за месяц: свой — менеджеру, своих регионов — руководителю / Salary statements of a month',
  access: ['session', 'extension'],
  query: MonthQuery,
  response: PayStatementList,
  handler: ({ ctx, input }) => listStatements({ ctx, input: input.query }),
});
