import { IdParams, MergeRequest, MergeResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { mergeCompanies } from '../companies/merge';

export default defineRoute({
  method: 'post',
  path: '/api/companies/:id/merge',
  tag: 'clients',
  summary: 'Объединить дубликат (sourceId) с этой компанией / Merge a duplicate into this company',
  access: ['session'],
  params: IdParams,
  body: MergeRequest,
  response: MergeResult,
  handler: ({ ctx, input }) => mergeCompanies({ ctx, input: { survivorId: input.params.id, sourceId: input.body.sourceId } }),
});
