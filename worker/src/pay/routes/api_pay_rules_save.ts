import { z } from 'zod';
import { SalaryRuleList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { saveSalaryRule } from '../rules';

export default defineRoute({
  method: 'post',
  path: '/api/pay/rules',
  tag: 'pay',
  summary: 'Правило оплаты с месяца (администратор) / Set the salary rule from a month (admin)',
  access: ['session'],
  body: z.object({ rule: z.unknown() }),
  response: SalaryRuleList,
  handler: ({ ctx, input }) => saveSalaryRule({ ctx, input: input.body }),
});
