import { IdParams, TaskView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { completeTask } from '../tasks/complete';

export default defineRoute({
  method: 'post',
  path: '/api/tasks/:id/complete',
  tag: 'funnel',
  summary: 'Выполнить задачу / Complete a task',
  access: ['session', 'extension'],
  params: IdParams,
  response: TaskView,
  handler: ({ ctx, input }) => completeTask({ ctx, input: input.params }),
});
