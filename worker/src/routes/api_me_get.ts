import { Me } from '../../../schema/contracts';
import { requireUser } from '../access/policy';
import { defineRoute } from '../lib/route';
import { describeMe } from '../services/users/describe-me';

export default defineRoute({
  method: 'get', path: '/api/me', tag: 'auth', summary: 'Кто я / Who am I',
  access: ['session', 'extension', 'widget'], response: Me,
  handler: async ({ ctx }) => describeMe(requireUser(ctx.principal)),
});
