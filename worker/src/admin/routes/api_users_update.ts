import { IdParams, UserUpdateRequest, UserUpdateResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { updateUser } from '../users/save';

export default defineRoute({
  method: 'patch',
  path: '/api/users/:id',
  tag: 'directory',
  summary: 'Изменить роль, регионы, внутренний номер, часовой пояс — администратор / Edit a user',
  access: ['session'],
  params: IdParams,
  body: UserUpdateRequest,
  response: UserUpdateResult,
  handler: ({ ctx, input }) => updateUser({ ctx, input: { userId: input.params.id, ...input.body } }),
});
