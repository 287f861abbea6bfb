import { NeverLogList } from '../../../../schema/contracts/mail';
import { defineRoute } from '../../platform/route';
import { listNeverLog } from '../never-log-list/list';

export default defineRoute({
  method: 'get',
  path: '/api/mail/never-log',
  tag: 'mail',
  summary: 'Адреса и домены, чья почта не записывается — администратор / Never-log list',
  access: ['session'],
  response: NeverLogList,
  handler: ({ ctx }) => listNeverLog({ ctx }),
});
