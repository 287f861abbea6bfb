import { PayStatement, StatementAction, StatementParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { actOnStatement } from '../statements';

export default defineRoute({
  method: 'post',
  path: '/api/pay/statements/:userId/:month/actions',
  tag: 'pay',
  summary: 'Шаг согласования расчёта: проверить, оспорить, ответить, пересчитать, утвердить / A workflow step',
  access: ['session'],
  params: StatementParams,
  body: StatementAction,
  response: PayStatement,
  handler: ({ ctx, input }) => actOnStatement({ ctx, input: { ...input.params, ...input.body } }),
});
