import { z } from 'zod';
import { formOptional } from './companies';

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
    /** Every integration the worker has, configured or not, with a warning when a configured one has been silent too long. */
    integrations: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        configured: z.boolean(),
        lastReceivedAt: z.number().int().nullable(),
        silentAfterHours: z.number(),
        /** Configured, and nothing received in the last silentAfterHours (or ever). */
        silent: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'SyncSummary' });
export const RejectedQuery = z.object({
  source: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  /** Paging: rows with an id below this one (the previous page's `next`). */
  before: z.coerce.number().int().positive().optional(),
});
export const RejectedList = z.object({
  /** Rejected rows not yet replayed, in all (of this source). */
  total: z.number().int(),
  /** Pass as `before` for the next page; null on the last one. */
  next: z.number().int().nullable(),
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

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day that exists (2026-02-30 and 2026-13-01 do not). */
const realDay = z
  .string()
  .regex(DAY_RE, 'ожидается дата ГГГГ-ММ-ДД')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return Number.isFinite(t) && new Date(t).toISOString().slice(0, 10) === d;
  }, 'такого дня нет в календаре');
/** The admin's audit trail filters: who, which client, what, which days (Moscow), newest first, paged by id. */
export const AuditQuery = z.object({
  userId: formOptional(z.coerce.number().int().positive()),
  companyId: formOptional(z.coerce.number().int().positive()),
  action: formOptional(z.string().trim().min(1).max(40)),
  from: formOptional(realDay),
  to: formOptional(realDay),
  before: formOptional(z.coerce.number().int().positive()),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
export const AuditEntry = z
  .object({
    id: z.number().int(),
    at: z.number().int(),
    userId: z.number().int().nullable(),
    userName: z.string().nullable(),
    principal: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    details: z.record(z.string(), z.unknown()).nullable(),
    requestId: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' });
export const AuditList = z.object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable() });
