import { ApproveStatementsBody, ApproveStatementsResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { approveStatements } from '../statements';

export default defineRoute({
  method: 'post',
  path: '/api/pay/statements/approve',
  tag: 'pay',
  summary: 'Утвердить отмеченные расчёты месяца одним шагом (руководитель — своих регионов) / Approve many statements at once',
  access: ['session'],
  idempotent: true,
  body: ApproveStatementsBody,
  response: ApproveStatementsResult,
  handler: ({ ctx, input }) => approveStatements({ ctx, input: input.body }),
});
