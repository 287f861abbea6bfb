import { CreateTokenRequest, CreatedToken } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { createToken } from '../tokens/create';

export default defineRoute({
  method: 'post',
  path: '/api/tokens',
  tag: 'auth',
  summary: 'Выпустить API-токен или токен виджета (секрет показывается один раз) / Issue a token (secret shown once)',
  access: ['session'],
  body: CreateTokenRequest,
  response: CreatedToken,
  status: 201,
  handler: ({ ctx, input }) => createToken({ ctx, input: input.body }),
});
