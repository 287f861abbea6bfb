import { IdParams, UserDeactivateResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { setUserActive } from '../users/deactivate';

export default defineRoute({
  method: 'post',
  path: '/api/users/:id/activate',
  tag: 'directory',
  summary: 'Снова включить пользователя / Activate a user again',
  access: ['session'],
  params: IdParams,
  response: UserDeactivateResult,
  handler: ({ ctx, input }) => setUserActive({ ctx, input: { userId: input.params.id, active: true } }),
});
