import { SyncSummary } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getSyncSummary } from '../summary';

export default defineRoute({
  method: 'get',
  path: '/api/sync',
  tag: 'system',
  summary: 'Состояние интеграций за 24 часа — администратор / Integration health',
  access: ['session'],
  response: SyncSummary,
  handler: ({ ctx, c }) => getSyncSummary({ ctx, input: { requestUrl: c.req.url, lang: ctx.lang } }),
});
