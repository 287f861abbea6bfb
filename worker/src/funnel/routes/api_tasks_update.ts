import { IdParams, TaskUpdate, TaskView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { updateTask } from '../tasks/update';

export default defineRoute({
  method: 'patch',
  path: '/api/tasks/:id',
  tag: 'funnel',
  summary: 'Перенести задачу (срок), переименовать или вернуть в работу / Move, rename or reopen a task',
  access: ['session', 'extension'],
  params: IdParams,
  body: TaskUpdate,
  response: TaskView,
  handler: ({ ctx, input }) => updateTask({ ctx, input: { id: input.params.id, ...input.body } }),
});
