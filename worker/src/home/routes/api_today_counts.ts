import { TodayCounts } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { countToday } from '../today/build';

export default defineRoute({
  method: 'get',
  path: '/api/today/counts',
  tag: 'funnel',
  summary: 'Счётчики меню: просроченные задачи и пропущенные звонки / Overdue and missed counters',
  access: ['session', 'extension'],
  response: TodayCounts,
  handler: ({ ctx }) => countToday({ ctx }),
});
