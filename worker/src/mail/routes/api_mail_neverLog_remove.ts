import { NeverLogQuery, NeverLogRemoved } from '../../../../schema/contracts/mail';
import { defineRoute } from '../../platform/route';
import { removeNeverLog } from '../never-log-list/remove';

export default defineRoute({
  method: 'delete',
  path: '/api/mail/never-log',
  tag: 'mail',
  summary: 'Снова записывать почту адреса или @домена (?pattern=) — администратор / Remove from the never-log list',
  access: ['session'],
  query: NeverLogQuery,
  response: NeverLogRemoved,
  handler: ({ ctx, input }) => removeNeverLog({ ctx, input: { pattern: input.query.pattern } }),
});
