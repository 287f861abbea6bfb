import { sql } from 'drizzle-orm';
import { events, tasks } from '../../../schema/db';
import type { ServiceContext } from '../lib/route';
import { moveStatements } from './move';
import { loadRules, matchingRules } from './rules';
import { loadStages } from './stages';

export interface TimelineEvent {
  kind: 'call' | 'mail' | 'note';
  source: 'mango' | 'zadarma' | 'generic' | 'sandbox' | 'mail' | 'extension' | 'manual';
  externalId: string;
  occurredAt: number;
  /** Null for a call with nobody known on the other side: it still counts on the manager's timeline. */
  companyId: number | null;
  contactId?: number | null;
  leadId?: number | null;
  userId: number | null;
  regionId: number | null;
  direction?: 'in' | 'out' | 'internal' | null;
  durationSec?: number | null;
  callResult?: 'answered' | 'missed' | 'busy' | 'failed' | null;
  targeted?: boolean | null;
  counterpart?: string | null;
  subject?: string | null;
  hasAttachment?: boolean;
  details?: Record<string, unknown>;
}

/**
 * The one pipeline for calls, mails and notes, whatever brought them: the event is appended to
 * the timeline and the funnel rules run in the same batch — a forward stage move with the rule as
 * cause, a task to open, or the open tasks of a kind to close. A second delivery of the same
 * (source, external id) fails the batch on the unique index and changes nothing.
 */
export async function processEvent(ctx: ServiceContext, event: TimelineEvent): Promise<{ duplicate: boolean; eventId: number | null; moved: string | null; tasksOpened: number; tasksClosed: number }> {
  const [stageMap, rules] = await Promise.all([loadStages(ctx.db), loadRules(ctx.db)]);
  // The event's lead, else the company's latest open lead: that is what the event is about.
  const lead = event.companyId === null && !event.leadId ? undefined : await ctx.db.get<{ id: number; company_id: number; region_id: number; owner_id: number | null; stage_id: string; stage_entered_at: number } | undefined>(event.leadId
    ? sql`SELECT id, company_id, region_id, owner_id, stage_id, stage_entered_at FROM leads WHERE id = ${event.leadId}`
    : sql`SELECT l.id, l.company_id, l.region_id, l.owner_id, l.stage_id, l.stage_entered_at FROM leads l JOIN stages s ON s.id = l.stage_id
          WHERE l.company_id = ${event.companyId} AND l.closed_at IS NULL AND s.outcome = 'open' ORDER BY l.created_at DESC, l.id DESC LIMIT 1`);
  const matched = matchingRules(rules, {
    kind: event.kind, direction: event.direction ?? null, callResult: event.callResult ?? null, durationSec: event.durationSec ?? null,
    hasAttachment: event.hasAttachment ?? false, leadStageId: lead?.stage_id ?? null,
  });
  const eventId = sql`(SELECT id FROM events WHERE source = ${event.source} AND external_id = ${event.externalId})`;
  const statements: unknown[] = [
    ctx.db.insert(events).values({
      kind: event.kind, source: event.source, externalId: event.externalId, occurredAt: event.occurredAt, companyId: event.companyId,
      contactId: event.contactId ?? null, leadId: lead?.id ?? null, userId: event.userId, regionId: event.regionId,
      direction: event.direction ?? null, durationSec: event.durationSec ?? null, callResult: event.callResult ?? null, targeted: event.targeted ?? null,
      counterpart: event.counterpart ?? null, subject: event.subject ?? null,
      details: { ...event.details, ...(event.hasAttachment ? { hasAttachment: true } : {}), rules: matched.map((r) => r.id) }, createdAt: ctx.now,
    }),
  ];
  let moved: string | null = null;
  let tasksOpened = 0;
  let tasksClosed = 0;
  const taskOwner = lead?.owner_id ?? event.userId;
  for (const rule of matched) {
    if (rule.closesTaskKind && event.companyId !== null) {
      // A task closes when this event happened after what opened it (PBX time, not our processing time).
      statements.push(ctx.db.run(sql`UPDATE tasks SET done_at = ${event.occurredAt} WHERE company_id = ${event.companyId} AND kind = ${rule.closesTaskKind} AND done_at IS NULL
        AND coalesce((SELECT e.occurred_at FROM events e WHERE e.id = tasks.source_event_id), tasks.created_at) <= ${event.occurredAt}`));
      tasksClosed++;
    }
    if (rule.taskTitleRu && taskOwner !== null) {
      statements.push(ctx.db.insert(tasks).values({
        userId: taskOwner, companyId: event.companyId, leadId: lead?.id ?? null, kind: rule.taskKind ?? 'custom',
        title: rule.taskTitleRu, dueAt: event.occurredAt + (rule.taskDueMinutes ?? 60) * 60_000, sourceEventId: eventId as never, createdAt: ctx.now,
      }));
      tasksOpened++;
    }
    // One move per event: the first matching rule with a target that is ahead of the lead wins.
    if (!moved && lead && rule.toStageId && stageMap.position(rule.toStageId) > stageMap.position(lead.stage_id)) {
      moved = rule.toStageId;
      statements.push(...moveStatements(ctx.db, stageMap,
        { id: lead.id, companyId: lead.company_id, regionId: lead.region_id, ownerId: lead.owner_id, stageId: lead.stage_id },
        rule.toStageId, { kind: 'rule', rule: rule.id, eventId, source: event.source }, Math.max(event.occurredAt, lead.stage_entered_at)));
    }
  }
  try {
    await ctx.db.batch(statements as never);
  } catch (err) {
    if (/UNIQUE constraint failed: events/.test(String(err))) return { duplicate: true, eventId: null, moved: null, tasksOpened: 0, tasksClosed: 0 };
    throw err;
  }
  const stored = await ctx.db.get<{ id: number }>(sql`SELECT id FROM events WHERE source = ${event.source} AND external_id = ${event.externalId}`);
  return { duplicate: false, eventId: stored?.id ?? null, moved, tasksOpened, tasksClosed };
}
