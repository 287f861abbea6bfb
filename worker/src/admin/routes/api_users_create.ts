import { UserCreateRequest, UserCreateResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { createUser } from '../users/save';

export default defineRoute({
  method: 'post',
  path: '/api/users',
  tag: 'directory',
  summary: 'Добавить пользователя; начальный пароль показывается один раз — администратор / Add a user',
  access: ['session'],
  body: UserCreateRequest,
  response: UserCreateResult,
  status: 201,
  handler: ({ ctx, input }) => createUser({ ctx, input: input.body }),
});
