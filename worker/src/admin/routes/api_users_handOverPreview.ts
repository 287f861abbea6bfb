import { HandOverPreview, HandOverPreviewQuery, IdParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { previewHandOver } from '../users/hand-over';

export default defineRoute({
  method: 'get',
  path: '/api/users/:id/hand-over/preview',
  tag: 'clients',
  summary: 'Что уйдёт кому при передаче клиентов: клиенты, открытые сделки и задачи / Hand-over preview',
  access: ['session'],
  params: IdParams,
  query: HandOverPreviewQuery,
  response: HandOverPreview,
  handler: ({ ctx, input }) => previewHandOver({ ctx, input: { fromUserId: input.params.id, toUserIds: input.query.to } }),
});
