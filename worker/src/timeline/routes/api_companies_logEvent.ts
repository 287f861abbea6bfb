import { EventLogRequest, EventLogResult, IdParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { logEvent } from '../log';

export default defineRoute({
  method: 'post',
  path: '/api/companies/:id/events',
  tag: 'funnel',
  summary: 'Записать звонок, письмо или заметку (правила воронки срабатывают как для вебхуков) / Log a call, mail or note',
  access: ['session', 'extension'],
  idempotent: true,
  params: IdParams,
  body: EventLogRequest,
  response: EventLogResult,
  status: 201,
  handler: ({ ctx, input }) => logEvent({ ctx, input: { companyId: input.params.id, event: input.body } }),
});
