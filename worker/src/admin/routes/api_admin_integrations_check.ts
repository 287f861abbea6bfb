import { IntegrationCheckResult, IntegrationIdParams } from '../../../../schema/contracts';
import { checkIntegration } from '../integrations/check';
import { defineRoute } from '../../platform/route';

export default defineRoute({
  method: 'post',
  path: '/api/admin/integrations/:id/check',
  tag: 'system',
  summary: 'Проверить интеграцию: подписанное тестовое событие себе, $metadata 1С, почта — администратор / Check an integration',
  access: ['session'],
  params: IntegrationIdParams,
  response: IntegrationCheckResult,
  handler: ({ ctx, c, input }) => checkIntegration({ ctx, input: { id: input.params.id, requestUrl: c.req.url, self: c.var.self } }),
});
