import { PlanImportBody, PlanImportResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { importPlans } from '../plans';

export default defineRoute({
  method: 'post',
  path: '/api/plans/import',
  tag: 'pay',
  summary: 'Планы из файла: строки e-mail, месяц, сумма в рублях / Plans from a file',
  access: ['session'],
  body: PlanImportBody,
  response: PlanImportResult,
  handler: ({ ctx, input }) => importPlans({ ctx, input: input.body }),
});
