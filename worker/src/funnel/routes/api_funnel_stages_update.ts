import { z } from 'zod';
import { StageUpdate, StageView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { updateStage } from '../config/stages';

export default defineRoute({
  method: 'patch',
  path: '/api/funnel/stages/:id',
  tag: 'funnel',
  summary: 'Название, срок (SLA) и подсказка этапа — администратор / Update a stage',
  access: ['session'],
  params: z.object({ id: z.string() }),
  body: StageUpdate,
  response: StageView,
  handler: ({ ctx, input }) => updateStage({ ctx, input: { id: input.params.id, changes: input.body } }) as never,
});
