import { Ok } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { revokeOwnCredential } from '../tokens/revoke-own-credential';

export default defineRoute({
  method: 'delete',
  path: '/api/auth/token',
  tag: 'auth',
  summary: 'Выход расширения: отозвать свой API-токен / Extension sign-out: revoke the calling token',
  access: ['extension'],
  response: Ok,
  handler: ({ ctx }) => revokeOwnCredential({ ctx }),
});
