import { DeviationList, DeviationQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listDeviations } from '../deviations/list';

export default defineRoute({
  method: 'get',
  path: '/api/deviations',
  tag: 'funnel',
  summary: 'Отклонения: просрочка этапа и задач, нет касаний, не перезвонили, спящие клиенты / Deviations',
  reads: { what: 'deviations' },
  access: ['session', 'extension'],
  query: DeviationQuery,
  response: DeviationList,
  handler: ({ ctx, input }) => listDeviations({ ctx, input: input.query }),
});
