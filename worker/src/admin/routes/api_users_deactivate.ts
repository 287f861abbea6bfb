import { IdParams, UserDeactivateResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { setUserActive } from '../users/deactivate';

export default defineRoute({
  method: 'post',
  path: '/api/users/:id/deactivate',
  tag: 'directory',
  summary: 'Отключить пользователя: сессии и токены отозваны сразу / Deactivate a user',
  access: ['session'],
  params: IdParams,
  response: UserDeactivateResult,
  handler: ({ ctx, input }) => setUserActive({ ctx, input: { userId: input.params.id, active: false } }),
});
