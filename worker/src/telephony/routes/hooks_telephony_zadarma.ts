import { z } from 'zod';
import { TelephonyHookResult } from '../../../../schema/contracts/calls';
import { telephonyHookRoute } from '../hook-route';
import { zadarma, zadarmaStartAnswer } from '../providers/zadarma';

const StartAnswer = z.object({ caller_name: z.string().optional(), redirect: z.string().optional() });

/**
 * Zadarma's notifications (NOTIFY_START … NOTIFY_RECORD), form-encoded, signed in `Signature`.
 * NOTIFY_START is answered with the caller's company and his manager's extension when known.
 */
export default telephonyHookRoute({
  adapter: zadarma,
  kind: 'notify',
  response: z.union([StartAnswer, TelephonyHookResult]),
  summary: 'Zadarma: уведомления о звонках; на NOTIFY_START — caller_name и redirect / Zadarma call notifications',
  answer: (kept, rawBody) =>
    new URLSearchParams(rawBody).get('event') === 'NOTIFY_START'
      ? zadarmaStartAnswer(kept.outcomes[0])
      : { ok: true, outcome: kept.outcome },
});
