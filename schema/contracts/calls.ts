import { z } from 'zod';
import { CallerCard } from './telephony';

/** Click-to-call (`POST /api/calls`): the PBX rings the caller's extension, then connects him to `phone`. */
export const ClickToCallRequest = z
  .object({
    phone: z.string().min(1).max(64).describe('Номер в любом привычном написании / the number in any usual spelling'),
    companyId: z.number().int().positive().optional(),
    leadId: z.number().int().positive().optional(),
  })
  .meta({ id: 'ClickToCallRequest' });
export type ClickToCallRequest = z.infer<typeof ClickToCallRequest>;

export const ClickToCallAccepted = z
  .object({
    provider: z.enum(['mango', 'zadarma', 'sandbox']),
    /** Our id of the request (Mango's command_id). */
    requestId: z.string(),
    /** The number dialled, E.164. */
    phone: z.string(),
  })
  .meta({ id: 'ClickToCallAccepted' });
export type ClickToCallAccepted = z.infer<typeof ClickToCallAccepted>;

/** «Тестовая АТС (песочница)»: an incoming call from `from` rings at the caller's extension (or `extension`). */
export const SandboxIncomingRequest = z
  .object({
    from: z.string().min(1).max(64),
    extension: z.string().min(1).max(32).optional(),
  })
  .meta({ id: 'SandboxIncomingRequest' });
export type SandboxIncomingRequest = z.infer<typeof SandboxIncomingRequest>;

export const SandboxIncomingResult = z
  .object({
    provider: z.literal('sandbox'),
    label: z.string(),
    callId: z.string(),
    phone: z.string(),
    extension: z.string(),
    /** What the ringing manager's caller ID shows; null when the call rings for nobody known. */
    card: CallerCard.nullable(),
  })
  .meta({ id: 'SandboxIncomingResult' });
export type SandboxIncomingResult = z.infer<typeof SandboxIncomingResult>;

/** What a PBX hook answers (Zadarma's NOTIFY_START has its own answer). */
export const TelephonyHookResult = z
  .object({
    ok: z.literal(true),
    outcome: z.enum(['stored', 'duplicate']),
  })
  .meta({ id: 'TelephonyHookResult' });
export type TelephonyHookResult = z.infer<typeof TelephonyHookResult>;
