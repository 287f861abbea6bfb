import { RejectedList, RejectedQuery } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { listRejected } from '../services/sync/list-rejected';

export default defineRoute({
  method: 'get', path: '/api/sync/rejected', tag: 'system', summary: 'Отклонённые входящие данные с причинами — администратор / Rejected payloads',
  access: ['session'], query: RejectedQuery, response: RejectedList,
  handler: ({ ctx, input }) => listRejected({ ctx, input: input.query }),
});
