import { TokenSignInRequest, TokenSignInResponse } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { issueDeviceToken } from '../sessions/issue-device-token';
import { clientAddress } from '../sign-in-throttle';

export default defineRoute({
  method: 'post',
  path: '/api/auth/token',
  tag: 'auth',
  summary: 'Вход расширения: пароль → личный API-токен / Extension sign-in: password → personal API token',
  access: ['public'],
  body: TokenSignInRequest,
  response: TokenSignInResponse,
  status: 201,
  handler: ({ ctx, input, c }) =>
    issueDeviceToken({ ctx, input: { ...input.body, address: clientAddress(c.req.header('cf-connecting-ip')) } }),
});
