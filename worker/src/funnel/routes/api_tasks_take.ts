import { IdParams, TaskView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { takeTask } from '../tasks/take';

export default defineRoute({
  method: 'post',
  path: '/api/tasks/:id/take',
  tag: 'funnel',
  summary: 'Взять задачу из очереди пропущенных звонков региона / Take a task from the missed-call queue',
  access: ['session', 'extension'],
  params: IdParams,
  response: TaskView,
  handler: ({ ctx, input }) => takeTask({ ctx, input: { id: input.params.id } }),
});
