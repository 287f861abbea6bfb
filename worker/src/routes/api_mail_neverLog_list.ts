import { NeverLogList } from '../../../schema/contracts/mail';
import { defineRoute } from '../lib/route';
import { listNeverLog } from '../services/mail-never-log/list';

export default defineRoute({
  method: 'get', path: '/api/mail/never-log', tag: 'mail', summary: 'Адреса и домены, чья почта не записывается — администратор / Never-log list',
  access: ['session'], response: NeverLogList,
  handler: ({ ctx }) => listNeverLog({ ctx }),
});
