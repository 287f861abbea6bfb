import { PayStatement, StatementParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getStatement } from '../statements';

export default defineRoute({
  method: 'get',
  path: '/api/pay/statements/:userId/:month',
  tag: 'pay',
  summary: 'Расчёт зарплаты менеджера за месяц со всеми строками и пояснениями / One salary statement, every line explained',
  access: ['session', 'extension'],
  params: StatementParams,
  response: PayStatement,
  handler: ({ ctx, input }) => getStatement({ ctx, input: input.params }),
});
