import { z } from 'zod';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  database: z.enum(['ok', 'unreachable']),
  migrations: z.array(z.string()),
  time: z.string(),
}).meta({ id: 'Health' });

export const PingResponse = z.object({ ok: z.literal(true), integration: z.string(), receivedAt: z.number().int() });

/** Figures of the starter widget: the signed-in manager's own day. */
export const WidgetToday = z.object({
  userName: z.string(),
  date: z.string(),
  timeZone: z.string(),
  callsToday: z.number().int(),
  targetedCallsToday: z.number().int(),
  openLeads: z.number().int(),
  overdueTasks: z.number().int(),
}).meta({ id: 'WidgetToday' });
export type WidgetToday = z.infer<typeof WidgetToday>;
