import { IdParams, Ok } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { revokeToken } from '../tokens/revoke';

export default defineRoute({
  method: 'delete',
  path: '/api/tokens/:id',
  tag: 'auth',
  summary: 'Отозвать токен / Revoke a token',
  access: ['session'],
  params: IdParams,
  response: Ok,
  handler: ({ ctx, input }) => revokeToken({ ctx, input: input.params }),
});
