import { HandOverRequest, HandOverResult, IdParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { handOverClients } from '../users/hand-over';

export default defineRoute({
  method: 'post',
  path: '/api/users/:id/hand-over',
  tag: 'clients',
  summary: "Передать всех клиентов менеджера одному или нескольким коллегам / Hand a manager's clients over",
  access: ['session'],
  params: IdParams,
  body: HandOverRequest,
  response: HandOverResult,
  handler: ({ ctx, input }) => handOverClients({ ctx, input: { fromUserId: input.params.id, toUserIds: input.body.toUserIds } }),
});
