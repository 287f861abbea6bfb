import { LEAD_CHANNELS } from '../domain/lead-channels';
import { sql } from 'drizzle-orm';
import { sqliteTable, integer, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { companies } from './clients';
import { regions, users } from './people';

export const stageOutcomes = ['open', 'won', 'lost'] as const;

/** Configurable funnel stages; position orders them, automatic moves only go to a higher one. */
export const stages = sqliteTable('stages', {
  id: text('id').primaryKey(),
  position: integer('position').notNull(),
  nameRu: text('name_ru').notNull(),
  nameEn: text('name_en').notNull(),
  slaHours: integer('sla_hours'),
  hintRu: text('hint_ru'),
  hintEn: text('hint_en'),
  outcome: text('outcome', { enum: stageOutcomes }).notNull().default('open'),
});

export const leadChannels = LEAD_CHANNELS;

/** Интерес: one sales opportunity of one company. regionId is the company's, kept for scoping. */
export const leads = sqliteTable(
  'leads',
  {
    id: integer('id').primaryKey(),
    companyId: integer('company_id')
      .notNull()
      .references(() => companies.id),
    regionId: integer('region_id')
      .notNull()
      .references(() => regions.id),
    ownerId: integer('owner_id').references(() => users.id),
    stageId: text('stage_id')
      .notNull()
      .references(() => stages.id),
    amountKopecks: integer('amount_kopecks').notNull().default(0),
    channel: text('channel', { enum: leadChannels }).notNull(),
    createdAt: integer('created_at').notNull(),
    stageEnteredAt: integer('stage_entered_at').notNull(),
    closedAt: integer('closed_at'),
    lostReason: text('lost_reason'),
    /** What the client wants, as the manager wrote it («Кровля на склад, 1200 м²»); names the lead (format-ru leadName). */
    subject: text('subject'),
  },
  (t) => [
    index('leads_company_idx').on(t.companyId, t.closedAt),
    index('leads_owner_stage_idx').on(t.ownerId, t.stageId),
    index('leads_region_stage_idx').on(t.regionId, t.stageId),
    index('leads_created_idx').on(t.createdAt),
    // Leads sitting in a stage now, oldest first: for the company, a region and a manager (time in stage).
    index('leads_open_idx').on(t.stageId, t.stageEnteredAt).where(sql`${t.closedAt} IS NULL`),
    index('leads_region_open_idx').on(t.regionId, t.stageId, t.stageEnteredAt).where(sql`${t.closedAt} IS NULL`),
    index('leads_owner_open_idx').on(sql`coalesce(${t.ownerId}, 0)`, t.stageId, t.stageEnteredAt).where(sql`${t.closedAt} IS NULL`),
  ],
);

export const stageChangeCauses = ['event', 'rule', 'user', 'recompute'] as const;

/** Provenance of every move; consecutive rows of one lead give exact time in stage. */
export const stageChanges = sqliteTable(
  'stage_changes',
  {
    id: integer('id').primaryKey(),
    leadId: integer('lead_id')
      .notNull()
      .references(() => leads.id),
    fromStageId: text('from_stage_id'),
    toStageId: text('to_stage_id').notNull(),
    at: integer('at').notNull(),
    cause: text('cause', { enum: stageChangeCauses }).notNull(),
    causeEventId: integer('cause_event_id'),
    causeRule: text('cause_rule'),
    userId: integer('user_id').references(() => users.id),
    reason: text('reason'),
  },
  (t) => [index('stage_changes_lead_idx').on(t.leadId, t.at), index('stage_changes_at_idx').on(t.at)],
);

/**
 * A task is a person's (user_id) or, while nobody has taken it, the missed-call queue of a region
 * (user_id null, region_id set): every manager of that region sees it and the first to take it
 * owns it. A task is closed as done (done_at) or cancelled (done_at and cancelled_at, with the
 * cause) when what opened it turned out otherwise — a "missed" call that was answered after all.
 */
export const tasks = sqliteTable(
  'tasks',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id').references(() => users.id),
    /** The region whose missed-call queue holds the task while user_id is null. */
    regionId: integer('region_id').references(() => regions.id),
    companyId: integer('company_id').references(() => companies.id),
    leadId: integer('lead_id').references(() => leads.id),
    kind: text('kind', { enum: ['callback', 'follow_up', 'custom'] })
      .notNull()
      .default('custom'),
    title: text('title').notNull(),
    dueAt: integer('due_at').notNull(),
    doneAt: integer('done_at'),
    /** Set with done_at when the task was withdrawn, not done; cancel_reason says why. */
    cancelledAt: integer('cancelled_at'),
    cancelReason: text('cancel_reason'),
    /** When a manager took the task from his region's queue. */
    takenAt: integer('taken_at'),
    sourceEventId: integer('source_event_id'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    index('tasks_user_open_idx').on(t.userId, t.doneAt, t.dueAt),
    index('tasks_queue_idx').on(t.regionId, t.doneAt, t.createdAt),
    index('tasks_company_idx').on(t.companyId),
    index('tasks_lead_idx').on(t.leadId),
    index('tasks_source_event_idx').on(t.sourceEventId),
  ],
);

/** Monthly plan per manager; month is "YYYY-MM". */
export const plans = sqliteTable(
  'plans',
  {
    id: integer('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    month: text('month').notNull(),
    metric: text('metric', { enum: ['shipments', 'payments'] })
      .notNull()
      .default('shipments'),
    amountKopecks: integer('amount_kopecks').notNull(),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: integer('updated_at'),
  },
  (t) => [uniqueIndex('plans_user_month_uq').on(t.userId, t.month)],
);

/**
 * Rules as data: an event of `eventKind` that matches `condition` moves the lead forward to
 * `toStageId` and/or opens a task. 1C documents move stages by the document logic of the engine.
 */
export const funnelRules = sqliteTable('funnel_rules', {
  id: text('id').primaryKey(),
  position: integer('position').notNull(),
  eventKind: text('event_kind').notNull(),
  /** e.g. {"direction":"in","callResult":"missed"} or {"minDurationSec":30,"fromStages":["new"]}. */
  condition: text('condition', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  toStageId: text('to_stage_id').references(() => stages.id),
  taskTitleRu: text('task_title_ru'),
  taskTitleEn: text('task_title_en'),
  taskKind: text('task_kind', { enum: ['callback', 'follow_up', 'custom'] }),
  taskDueMinutes: integer('task_due_minutes'),
  /** Close the caller's open tasks of this kind about the company (a returned call closes the call-back). */
  closesTaskKind: text('closes_task_kind', { enum: ['callback', 'follow_up', 'custom'] }),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  descriptionRu: text('description_ru').notNull(),
});
