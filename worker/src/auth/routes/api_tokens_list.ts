import { z } from 'zod';
import { TokenKind, TokenList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listTokens } from '../tokens/list';

export default defineRoute({
  method: 'get',
  path: '/api/tokens',
  tag: 'auth',
  summary: 'Мои токены / My tokens',
  access: ['session'],
  query: z.object({ kind: TokenKind.optional() }),
  response: TokenList,
  handler: ({ ctx, input }) => listTokens({ ctx, input: input.query }),
});
