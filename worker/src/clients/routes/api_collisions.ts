import { CollisionList, CollisionQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { checkCollisions } from '../dedup/check-collisions';

export default defineRoute({
  method: 'get',
  path: '/api/collisions',
  tag: 'clients',
  summary: 'Чей это клиент? Минимальный ответ: есть ли, ответственный, регион / Whose client is this?',
  reads: { what: 'clients' },
  access: ['session', 'extension'],
  query: CollisionQuery,
  response: CollisionList,
  handler: ({ ctx, input }) => checkCollisions({ ctx, input: input.query }),
});
