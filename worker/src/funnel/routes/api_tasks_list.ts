import { TaskList, TaskListQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listTasks } from '../tasks/list';

export default defineRoute({
  method: 'get',
  path: '/api/tasks',
  tag: 'funnel',
  summary: 'Задачи: свои или своего менеджера / Tasks',
  reads: { what: 'tasks' },
  access: ['session', 'extension'],
  query: TaskListQuery,
  response: TaskList,
  handler: ({ ctx, input }) => listTasks({ ctx, input: input.query }),
});
