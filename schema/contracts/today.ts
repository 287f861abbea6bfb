import { z } from 'zod';

/**
 * «Мой день» (docs/workspace.md): one list of what to do now, ordered by the money at stake.
 * `missed` — a call to return (the caller's own call-back or his region's missed-call queue, `queued`
 * then: take it first); `task` — a task due today or overdue; `stuck_lead` — an open lead past its
 * stage's SLA; `silent` — a big client nobody has touched for SILENT_DAYS.
 */
export const TodayItem = z
  .object({
    kind: z.enum(['missed', 'task', 'stuck_lead', 'silent']),
    /** Unique within the list: `task:12`, `lead:7`, `company:3`. */
    key: z.string(),
    taskId: z.number().int().nullable(),
    leadId: z.number().int().nullable(),
    companyId: z.number().int().nullable(),
    companyName: z.string().nullable(),
    /** The row's open lead by client and subject (else its origin): «ООО Ромашка — Кровля на склад». */
    leadName: z.string().nullable(),
    /** Whose it is (a head's list shows his managers'); null = the region's queue or pool. */
    userId: z.number().int().nullable(),
    userName: z.string().nullable(),
    title: z.string(),
    /** Tasks: when due. Leads: when the stage's deadline passed. Silent clients: the last touch (null = never). */
    at: z.number().int().nullable(),
    overdue: z.boolean(),
    /** Waits in the region's missed-call queue: «Взять» before calling. */
    queued: z.boolean(),
    /** A done task that was withdrawn, not done (the «missed» call was answered after all): it is not reopened. */
    cancelled: z.boolean(),
    /** The open lead's amount, else the client's 24-month revenue (kopecks). */
    moneyKopecks: z.number().int(),
    /** The number to call back: the missed call's, else the client's first phone. */
    phone: z.string().nullable(),
  })
  .meta({ id: 'TodayItem' });
export type TodayItem = z.infer<typeof TodayItem>;

export const TodayCounts = z.object({
  /** Open tasks of the caller (a head: of his regions' people) past their due time. */
  overdue: z.number().int(),
  /** Calls to return: own open call-backs and the region's queue the caller sees. */
  missed: z.number().int(),
});
export type TodayCounts = z.infer<typeof TodayCounts>;

export const TodayList = z.object({
  items: z.array(TodayItem),
  counts: TodayCounts,
  /** The end of the caller's local day (UTC ms): tasks due before it are today's. */
  dayEnd: z.number().int(),
  /** The caller's IANA zone the day is counted in. */
  timeZone: z.string(),
});
export type TodayList = z.infer<typeof TodayList>;

/** Move a task (its due date), rename it, or put a done one back to work (`done: false`). */
export const TaskUpdate = z
  .object({
    dueAt: z.number().int().optional(),
    title: z.string().trim().min(1).max(300).optional(),
    /** false: the task is not done after all («Вернуть в работу»); a withdrawn (cancelled) one cannot be. */
    done: z.literal(false).optional(),
  })
  .refine((v) => v.dueAt !== undefined || v.title !== undefined || v.done !== undefined, { message: 'Nothing to change' });

/** One region's day (the admin: any region; a head: one of his); omitted = all the caller's. */
export const TodayQuery = z.object({ regionId: z.coerce.number().int().positive().optional() });
