import { Me } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { describeMe } from '../describe-me';

export default defineRoute({
  method: 'get',
  path: '/api/me',
  tag: 'auth',
  summary: 'Кто я / Who am I',
  access: ['session', 'extension', 'widget'],
  response: Me,
  handler: async ({ ctx }) => describeMe(requireUser(ctx.principal)),
});
