import { SandboxIncomingRequest, SandboxIncomingResult } from '../../../../schema/contracts/calls';
import { defineRoute } from '../../platform/route';
import { simulateIncomingCall } from '../calls/simulate-incoming';

/** «Тестовая АТС (песочница)» only (404 otherwise): an incoming call rings for the caller, to see caller ID locally. */
export default defineRoute({
  method: 'post',
  path: '/api/sandbox/incoming',
  tag: 'telephony',
  summary: 'Тестовая АТС (песочница): входящий звонок на ваш внутренний номер / Sandbox PBX: simulate an incoming call',
  access: ['session'],
  body: SandboxIncomingRequest,
  response: SandboxIncomingResult,
  handler: ({ ctx, input }) => simulateIncomingCall({ ctx, input: input.body }),
});
