import { ClickToCallAccepted, ClickToCallRequest } from '../../../../schema/contracts/calls';
import { defineRoute } from '../../platform/route';
import { placeCall } from '../calls/place';

/** Click-to-call through the configured PBX's callback API: 202, the call itself arrives by the hooks. */
export default defineRoute({
  method: 'post',
  path: '/api/calls',
  tag: 'telephony',
  summary: 'Позвонить: АТС соединит ваш внутренний номер с клиентом / Click-to-call through the PBX',
  access: ['session', 'extension'],
  idempotent: true,
  body: ClickToCallRequest,
  response: ClickToCallAccepted,
  handler: async ({ ctx, input, c }) => c.json(await placeCall({ ctx, input: input.body }), 202),
});
