import { RejectedList, RejectedQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listRejected } from '../list-rejected';

export default defineRoute({
  method: 'get',
  path: '/api/sync/rejected',
  tag: 'system',
  summary: 'Отклонённые входящие данные с причинами — администратор / Rejected payloads',
  reads: { what: 'sync' },
  access: ['session'],
  query: RejectedQuery,
  response: RejectedList,
  handler: ({ ctx, input }) => listRejected({ ctx, input: input.query }),
});
