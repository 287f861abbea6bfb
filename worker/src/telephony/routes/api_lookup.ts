import { CallerCard, LookupQuery } from '../../../../schema/contracts';
import { verifyStandardWebhook } from '../../platform/standard-webhooks';
import { defineRoute, type MachineCheck } from '../../platform/route';
import { lookupCallerByPhone, prefetchCaller } from '../caller-lookup';

/**
 * Who is calling — for the extension (a person) and for the PBX (a machine signing the GET the
 * Standard Webhooks way with TELEPHONY_WEBHOOK_SECRET over an empty body).
 */
export default defineRoute({
  method: 'get',
  path: '/api/lookup',
  tag: 'telephony',
  summary: 'Кто звонит: минимальная карточка по номеру в любом формате / Who is calling',
  reads: { what: 'caller', companyId: ({ result }) => (result as { companyId?: number } | null)?.companyId },
  access: ['session', 'extension', 'machine'],
  query: LookupQuery,
  response: CallerCard,
  machine: {
    source: 'lookup',
    verify: async ({ headers, body, config, now }): Promise<MachineCheck> => {
      const secret = config.webhookSecrets['telephony'];
      if (!secret) return { ok: false, reason: 'TELEPHONY_WEBHOOK_SECRET is not configured' };
      const result = await verifyStandardWebhook(secret, headers, body, now);
      return result.ok ? { ok: true, integration: 'telephony', externalId: result.externalId } : result;
    },
  },
  prefetch: prefetchCaller,
  handler: ({ ctx, input, prefetched }) => lookupCallerByPhone({ ctx, input: input.query, prefetched }),
});
