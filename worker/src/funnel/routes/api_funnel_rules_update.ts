import { z } from 'zod';
import { RuleUpdate, RuleView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { updateRule } from '../config/rules';

export default defineRoute({
  method: 'patch',
  path: '/api/funnel/rules/:id',
  tag: 'funnel',
  summary: 'Включить/выключить правило, порог, задача — администратор / Update a rule',
  access: ['session'],
  params: z.object({ id: z.string() }),
  body: RuleUpdate,
  response: RuleView,
  handler: ({ ctx, input }) => updateRule({ ctx, input: { id: input.params.id, changes: input.body } }) as never,
});
