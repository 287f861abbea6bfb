import { TaskCreate, TaskView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { createTask } from '../tasks/create';

export default defineRoute({
  method: 'post',
  path: '/api/tasks',
  tag: 'funnel',
  summary: 'Поставить задачу / Create a task',
  access: ['session', 'extension'],
  idempotent: true,
  body: TaskCreate,
  response: TaskView,
  status: 201,
  handler: ({ ctx, input }) => createTask({ ctx, input: input.body }),
});
