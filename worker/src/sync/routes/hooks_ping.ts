import { PingResponse } from '../../../../schema/contracts';
import { verifyStandardWebhook } from '../../platform/standard-webhooks';
import { defineRoute, type MachineCheck } from '../../platform/route';
import { acknowledgePing } from '../acknowledge-ping';

/**
 * Lets an integrator prove the secret and the signing code are right before sending real
 * events: any configured Standard-Webhooks secret (telephony, 1C) is accepted.
 */
export default defineRoute({
  method: 'post',
  path: '/hooks/ping',
  tag: 'hooks',
  summary: 'Проверка подписи интеграции (Standard Webhooks) / Integration signature check',
  access: ['machine'],
  response: PingResponse,
  machine: {
    source: 'ping',
    verify: async ({ headers, bytes, config, now }): Promise<MachineCheck> => {
      const reasons: string[] = [];
      for (const [integration, secret] of Object.entries(config.webhookSecrets)) {
        const result = await verifyStandardWebhook(secret, headers, bytes, now);
        if (result.ok) return { ok: true, integration, externalId: result.externalId };
        reasons.push(result.reason);
      }
      return { ok: false, reason: reasons[0] ?? 'no webhook secret is configured' };
    },
  },
  handler: ({ ctx, c, rawBody }) => acknowledgePing({ ctx, input: { headers: c.req.raw.headers, body: rawBody, path: c.req.path } }),
});
