import { TodayList, TodayQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { buildToday } from '../today/build';

export default defineRoute({
  method: 'get',
  path: '/api/today',
  tag: 'funnel',
  summary: '«Мой день»: что сделать сейчас, по убыванию суммы / What to do now, by money at stake',
  reads: { what: 'today' },
  access: ['session', 'extension'],
  query: TodayQuery,
  response: TodayList,
  handler: ({ ctx, input }) => buildToday({ ctx, input: { regionId: input.query.regionId } }),
});
