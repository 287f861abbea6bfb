import { z } from 'zod';

export const StageChangeView = z.object({
  fromStageId: z.string().nullable(),
  toStageId: z.string(),
  toStageName: z.string(),
  at: z.number().int(),
  cause: z.enum(['event', 'rule', 'user', 'recompute']),
  /** Human words for the cause: "Счёт на оплату УТ-17 от 25.11.2026", "Анна Менеджер: …". */
  causeText: z.string(),
  /** Time spent in the stage this change entered (until the next change, or until now). */
  durationMs: z.number().int(),
});

export const LeadCard = z
  .object({
    id: z.number().int(),
    companyId: z.number().int(),
    companyName: z.string(),
    ownerId: z.number().int().nullable(),
    ownerName: z.string().nullable(),
    stageId: z.string(),
    stageName: z.string(),
    channel: z.string(),
    /** What the client wants («Кровля на склад, 1200 м²»); null = the lead is named by its origin. */
    subject: z.string().nullable(),
    /** «ООО Ромашка — Кровля на склад» (schema/domain/format-ru.ts leadName), never «Интерес №…». */
    name: z.string(),
    amountKopecks: z.number().int(),
    createdAt: z.number().int(),
    stageEnteredAt: z.number().int(),
    closedAt: z.number().int().nullable(),
    lostReason: z.string().nullable(),
    /** Why the lead is in its stage: the cause of the last move. */
    why: z.string(),
    nextAction: z.object({ title: z.string(), dueAt: z.number().int().nullable(), fromTask: z.boolean() }).nullable(),
    invoicedKopecks: z.number().int(),
    paidKopecks: z.number().int(),
    history: z.array(StageChangeView),
    timeInStageMs: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'LeadCard' });
export type LeadCard = z.infer<typeof LeadCard>;

export const LeadCreate = z.object({
  companyId: z.number().int().positive(),
  amountKopecks: z.number().int().min(0).default(0),
  channel: z.enum(['call', 'mail', 'manual', 'web']).default('manual'),
  /** What the client wants, in the manager's words; blank = none (the lead is then named by its origin). */
  subject: z.string().trim().max(200).optional(),
  /** An open stage of the funnel to start in; omitted = the first open stage. */
  stageId: z.string().trim().min(1).max(50).optional(),
});

export const StageMoveRequest = z.object({
  stageId: z.string().min(1),
  reason: z.string().trim().max(500).optional(),
});

export const TaskView = z
  .object({
    id: z.number().int(),
    /** Null while the task waits in its region's missed-call queue. */
    userId: z.number().int().nullable(),
    /** The region whose missed-call queue holds the task (null once someone owns it). */
    queueRegionId: z.number().int().nullable(),
    companyId: z.number().int().nullable(),
    leadId: z.number().int().nullable(),
    kind: z.enum(['callback', 'follow_up', 'custom']),
    title: z.string(),
    dueAt: z.number().int(),
    doneAt: z.number().int().nullable(),
    /** Withdrawn rather than done (e.g. the "missed" call turned out answered), with the cause. */
    cancelledAt: z.number().int().nullable(),
    cancelReason: z.string().nullable(),
    overdue: z.boolean(),
    /** A queue task nobody took within an hour of the call: the region's head sees it too. */
    escalated: z.boolean(),
  })
  .meta({ id: 'Task' });

export const TaskCreate = z.object({
  title: z.string().trim().min(1).max(300),
  dueAt: z.number().int(),
  companyId: z.number().int().positive().optional(),
  leadId: z.number().int().positive().optional(),
  userId: z.number().int().positive().optional(),
  kind: z.enum(['callback', 'follow_up', 'custom']).default('custom'),
});
export const TaskReassign = z.object({ userId: z.number().int().positive() });
export const TaskListQuery = z.object({
  status: z.enum(['open', 'overdue', 'done']).default('open'),
  /** `mine` (default): one person's tasks; `queue`: the missed-call queue of the caller's regions. */
  scope: z.enum(['mine', 'queue']).default('mine'),
  userId: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const TaskList = z.object({ items: z.array(TaskView) });

export const DeviationItem = z.object({
  kind: z.enum(['stuck', 'overdue_task', 'no_touch', 'missed_call', 'dormant']),
  companyId: z.number().int(),
  companyName: z.string(),
  ownerName: z.string().nullable(),
  leadId: z.number().int().nullable(),
  taskId: z.number().int().nullable(),
  since: z.number().int().nullable(),
  message: z.string(),
});
export const DeviationQuery = z.object({
  kind: z.enum(['stuck', 'overdue_task', 'no_touch', 'missed_call', 'dormant']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const DeviationList = z.object({ items: z.array(DeviationItem), counts: z.record(z.string(), z.number().int()) });

/** A call, mail or note logged by a person or the extension; the idempotency key makes a retry harmless. */
export const EventLogRequest = z.object({
  kind: z.enum(['call', 'mail', 'note']),
  direction: z.enum(['in', 'out']).optional(),
  durationSec: z.number().int().min(0).max(86_400).optional(),
  callResult: z.enum(['answered', 'missed', 'busy', 'failed']).optional(),
  subject: z.string().trim().max(500).optional(),
  /** A mail's text as the manager pasted it: its new part (quotes cut) is kept as the snippet, like an ingested mail's. */
  text: z.string().max(100_000).optional(),
  hasAttachment: z.boolean().default(false),
  occurredAt: z.number().int().optional(),
  leadId: z.number().int().positive().optional(),
  idempotencyKey: z.string().trim().min(8).max(100).optional(),
});
export const EventLogResult = z.object({
  eventId: z.number().int().nullable(),
  duplicate: z.boolean(),
  movedTo: z.string().nullable(),
  tasksOpened: z.number().int(),
  tasksClosed: z.number().int(),
});

export const StageView = z
  .object({
    id: z.string(),
    position: z.number().int(),
    nameRu: z.string(),
    nameEn: z.string(),
    slaHours: z.number().int().nullable(),
    hintRu: z.string().nullable(),
    hintEn: z.string().nullable(),
    outcome: z.enum(['open', 'won', 'lost']),
  })
  .meta({ id: 'Stage' });
export const StageList = z.object({ items: z.array(StageView) });
export const StageUpdate = z.object({
  nameRu: z.string().trim().min(1).max(100).optional(),
  nameEn: z.string().trim().min(1).max(100).optional(),
  slaHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .nullable()
    .optional(),
  hintRu: z.string().trim().max(300).nullable().optional(),
  hintEn: z.string().trim().max(300).nullable().optional(),
});

/** The keys a rule condition may use (worker/src/funnel/engine/rules.ts); anything else is refused. */
const BaseCondition = z
  .object({
    direction: z.enum(['in', 'out', 'internal']).optional(),
    callResult: z.enum(['answered', 'missed', 'busy', 'failed']).optional(),
    callResults: z.array(z.enum(['answered', 'missed', 'busy', 'failed'])).optional(),
    minDurationSec: z.number().int().min(0).max(3600).optional(),
    hasAttachment: z.boolean().optional(),
    fromStages: z.array(z.string()).optional(),
  })
  .strict();
export const RuleCondition = BaseCondition.extend({ anyOf: z.array(BaseCondition).optional() }).strict();

export const RuleView = z
  .object({
    id: z.string(),
    position: z.number().int(),
    eventKind: z.string(),
    condition: z.record(z.string(), z.unknown()),
    toStageId: z.string().nullable(),
    taskTitleRu: z.string().nullable(),
    taskDueMinutes: z.number().int().nullable(),
    closesTaskKind: z.string().nullable(),
    active: z.boolean(),
    descriptionRu: z.string(),
  })
  .meta({ id: 'FunnelRule' });
export const RuleList = z.object({ items: z.array(RuleView) });
export const RuleUpdate = z.object({
  active: z.boolean().optional(),
  condition: RuleCondition.optional(),
  taskTitleRu: z.string().trim().min(1).max(300).optional(),
  taskDueMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 30)
    .optional(),
});
