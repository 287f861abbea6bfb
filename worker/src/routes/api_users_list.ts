import { UserList } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { listUsers } from '../services/users/list';

export default defineRoute({
  method: 'get', path: '/api/users', tag: 'directory', summary: 'Пользователи в моей зоне видимости / Users in my scope',
  access: ['session', 'extension'], response: UserList,
  handler: ({ ctx }) => listUsers({ ctx }),
});
