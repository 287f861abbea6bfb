import { IdParams, MergeRequest, MergeResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { mergeContacts } from '../contacts/merge';

export default defineRoute({
  method: 'post',
  path: '/api/contacts/:id/merge',
  tag: 'clients',
  summary: 'Объединить два контактных лица / Merge two contacts',
  access: ['session'],
  params: IdParams,
  body: MergeRequest,
  response: MergeResult,
  handler: ({ ctx, input }) => mergeContacts({ ctx, input: { survivorId: input.params.id, sourceId: input.body.sourceId } }),
});
