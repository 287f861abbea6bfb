import { UserList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listUsers } from '../users/list';

export default defineRoute({
  method: 'get',
  path: '/api/users',
  tag: 'directory',
  summary: 'Пользователи в моей зоне видимости / Users in my scope',
  access: ['session', 'extension'],
  response: UserList,
  handler: ({ ctx }) => listUsers({ ctx }),
});
