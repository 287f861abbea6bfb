import { IntegrationList } from '../../../../schema/contracts';
import { listIntegrations } from '../integrations/status';
import { defineRoute } from '../../platform/route';

export default defineRoute({
  method: 'get',
  path: '/api/admin/integrations',
  tag: 'system',
  summary: 'Интеграции: что настроено, чего не хватает, адреса для консоли провайдера — администратор / Integrations status',
  access: ['session'],
  response: IntegrationList,
  handler: ({ ctx, c }) => listIntegrations({ ctx, input: { requestUrl: c.req.url, lang: ctx.lang } }),
});
