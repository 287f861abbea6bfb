import { IdParams, TaskReassign, TaskView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { reassignTask } from '../tasks/reassign';

export default defineRoute({
  method: 'post',
  path: '/api/tasks/:id/reassign',
  tag: 'funnel',
  summary: 'Передать задачу другому менеджеру / Reassign a task',
  access: ['session'],
  params: IdParams,
  body: TaskReassign,
  response: TaskView,
  handler: ({ ctx, input }) => reassignTask({ ctx, input: { id: input.params.id, userId: input.body.userId } }),
});
