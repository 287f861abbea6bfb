import { IdParams, ReplayResultView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { replayInbox } from '../replay';

export default defineRoute({
  method: 'post',
  path: '/api/inbox/:id/replay',
  tag: 'system',
  summary: 'Повторить отклонённое через тот же конвейер — администратор / Replay a rejected payload',
  access: ['session'],
  params: IdParams,
  response: ReplayResultView,
  handler: ({ ctx, input }) => replayInbox({ ctx, input: input.params }),
});
