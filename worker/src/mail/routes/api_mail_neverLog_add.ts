import { NeverLogCreate, NeverLogEntry } from '../../../../schema/contracts/mail';
import { defineRoute } from '../../platform/route';
import { addNeverLog } from '../never-log-list/add';

export default defineRoute({
  method: 'post',
  path: '/api/mail/never-log',
  tag: 'mail',
  summary: 'Не записывать почту адреса или @домена — администратор / Add to the never-log list',
  access: ['session'],
  body: NeverLogCreate,
  response: NeverLogEntry,
  status: 201,
  handler: ({ ctx, input }) => addNeverLog({ ctx, input: input.body }),
});
