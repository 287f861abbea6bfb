import { z } from 'zod';

/**
 * One signal of a call as a provider adapter reads it (Mango, Zadarma, the generic webhook, the
 * sandbox PBX): the telephony core merges signals of the same call into one record.
 */
export const CallSignal = z.object({
  provider: z.enum(['mango', 'zadarma', 'generic', 'sandbox']),
  callId: z.string().min(1).max(200),
  /** Order within the call when the provider gives one (Mango `seq`). */
  seq: z.number().int().nullable().default(null),
  phase: z.enum(['ringing', 'answered', 'ended', 'summary', 'recording']),
  direction: z.enum(['in', 'out', 'internal']).nullable().default(null),
  /** Numbers as the provider gives them; the core normalises to E.164. */
  from: z.string().nullable().default(null),
  to: z.string().nullable().default(null),
  /** The manager's PBX extension on this call. */
  extension: z.string().nullable().default(null),
  /** The company line (DID) that was called, for routing unknown callers. */
  line: z.string().nullable().default(null),
  at: z.number().int(),
  talkSec: z.number().int().min(0).nullable().default(null),
  result: z.enum(['answered', 'missed', 'busy', 'failed']).nullable().default(null),
  recordingUrl: z.string().nullable().default(null),
  /**
   * The provider's id of this leg when a call is made of legs (Mango `call_id` under one `entry_id`:
   * the IVR, a queue, each employee tried, transfers). A leg's end is not the call's end.
   */
  leg: z.string().min(1).max(200).nullable().default(null),
  /** This leg ended by passing the call on (Mango `disconnect_reason` 1170): more legs follow. */
  handedOn: z.boolean().default(false),
  /** Moments a summary knows beside its own `at` (the end): when the call began and when talk began. */
  startedAt: z.number().int().nullable().default(null),
  answeredAt: z.number().int().nullable().default(null),
});
export type CallSignal = z.infer<typeof CallSignal>;

/** Who is calling, as little as the asker may know. */
export const CallerCard = z
  .object({
    phone: z.string(),
    known: z.boolean(),
    companyId: z.number().int().optional(),
    companyName: z.string().optional(),
    contactName: z.string().nullable().optional(),
    ownerName: z.string().nullable(),
    ownerExtension: z.string().nullable(),
    regionName: z.string().nullable(),
    status: z.enum(['prospect', 'client']).nullable(),
    openLead: z.object({ id: z.number().int(), stageName: z.string() }).nullable().optional(),
  })
  .meta({ id: 'CallerCard' });
export type CallerCard = z.infer<typeof CallerCard>;

export interface CallOutcome {
  outcome: 'stored' | 'duplicate';
  callRowId: number;
  /** The manager the call rings for, with the card to push, when this signal starts ringing. */
  ring: { userId: number; card: CallerCard; callId: string } | null;
  /** Set on the signal that puts the call on the timeline. */
  eventId: number | null;
  companyId: number | null;
  createdLeadId: number | null;
}

export const LookupQuery = z.object({ phone: z.string().trim().min(3).max(60) });
