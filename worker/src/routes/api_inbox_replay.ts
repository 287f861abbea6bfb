import { IdParams, ReplayResultView } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { replayInbox } from '../services/sync/replay';

export default defineRoute({
  method: 'post', path: '/api/inbox/:id/replay', tag: 'system', summary: 'Повторить отклонённое через тот же конвейер — администратор / Replay a rejected payload',
  access: ['session'], params: IdParams, response: ReplayResultView,
  handler: ({ ctx, input }) => replayInbox({ ctx, input: input.params }),
});
