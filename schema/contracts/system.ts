import { z } from 'zod';

export const Health = z
  .object({
    status: z.enum(['ok', 'degraded']),
    version: z.string(),
    database: z.enum(['ok', 'unreachable']),
    migrations: z.array(z.string()),
    time: z.string(),
  })
  .meta({ id: 'Health' });

export const PingResponse = z.object({ ok: z.literal(true), integration: z.string(), receivedAt: z.number().int() });

/** Figures of the starter widget: the signed-in manager's own day. */
export const WidgetToday = z
  .object({
    userName: z.string(),
    date: z.string(),
    timeZone: z.string(),
    callsToday: z.number().int(),
    targetedCallsToday: z.number().int(),
    openLeads: z.number().int(),
    overdueTasks: z.number().int(),
  })
  .meta({ id: 'WidgetToday' });
export type WidgetToday = z.infer<typeof WidgetToday>;

export const SyncSummary = z
  .object({
    sources: z.array(
      z.object({
        source: z.string(),
        lastReceivedAt: z.number().int().nullable(),
        stored24h: z.number().int(),
        duplicate24h: z.number().int(),
        rejected24h: z.number().int(),
        rejectedWaiting: z.number().int(),
        replayable: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'SyncSummary' });
export const RejectedQuery = z.object({ source: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
export const RejectedList = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      source: z.string(),
      externalId: z.string().nullable(),
      receivedAt: z.number().int(),
      path: z.string(),
      reason: z.string().nullable(),
      body: z.string(),
    }),
  ),
});
export const ReplayResultView = z.object({
  id: z.number().int(),
  outcome: z.enum(['stored', 'duplicate', 'rejected']),
  reason: z.string().optional(),
});
