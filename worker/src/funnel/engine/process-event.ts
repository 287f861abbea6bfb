import { sql } from 'drizzle-orm';
import { events, tasks } from '../../../../schema/db';
import type { ServiceContext } from '../../platform/route';
import { moveStatements } from './move';
import { loadRules, matchingRules, type FunnelRule } from './rules';
import { loadStages, type StageMap } from './stages';

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

export interface ProcessedEvent {
  duplicate: boolean;
  eventId: number | null;
  moved: string | null;
  tasksOpened: number;
  tasksClosed: number;
}

interface LeadRow {
  id: number;
  company_id: number;
  region_id: number;
  owner_id: number | null;
  stage_id: string;
  stage_entered_at: number;
  created_at: number;
}

interface Configuration {
  stageMap: StageMap;
  rules: FunnelRule[];
}

const DUPLICATE: ProcessedEvent = { duplicate: true, eventId: null, moved: null, tasksOpened: 0, tasksClosed: 0 };
const isDuplicate = (err: unknown) => /UNIQUE constraint failed: events/.test(String(err));

async function configuration(ctx: ServiceContext): Promise<Configuration> {
  const [stageMap, rules] = await Promise.all([loadStages(ctx.db), loadRules(ctx.db)]);
  return { stageMap, rules };
}

/**
 * The statements of one event: the timeline row (returning its id, first) and the effects of the
 * funnel rules it matches against `lead` — its lead, else the company's latest open lead.
 */
function eventStatements(ctx: ServiceContext, { stageMap, rules }: Configuration, event: TimelineEvent, lead: LeadRow | undefined) {
  const matched = matchingRules(rules, {
    kind: event.kind,
    direction: event.direction ?? null,
    callResult: event.callResult ?? null,
    durationSec: event.durationSec ?? null,
    hasAttachment: event.hasAttachment ?? false,
    leadStageId: lead?.stage_id ?? null,
  });
  const eventId = sql`(SELECT id FROM events WHERE source = ${event.source} AND external_id = ${event.externalId})`;
  const statements: unknown[] = [
    ctx.db
      .insert(events)
      .values({
        kind: event.kind,
        source: event.source,
        externalId: event.externalId,
        occurredAt: event.occurredAt,
        companyId: event.companyId,
        contactId: event.contactId ?? null,
        leadId: lead?.id ?? null,
        userId: event.userId,
        regionId: event.regionId,
        direction: event.direction ?? null,
        durationSec: event.durationSec ?? null,
        callResult: event.callResult ?? null,
        targeted: event.targeted ?? null,
        counterpart: event.counterpart ?? null,
        subject: event.subject ?? null,
        details: { ...event.details, ...(event.hasAttachment ? { hasAttachment: true } : {}), rules: matched.map((r) => r.id) },
        createdAt: ctx.now,
      })
      .returning({ id: events.id }),
  ];
  let moved: string | null = null;
  let tasksOpened = 0;
  let tasksClosed = 0;
  const taskOwner = lead?.owner_id ?? event.userId;
  for (const rule of matched) {
    if (rule.closesTaskKind && event.companyId !== null) {
      // A task closes when this event happened after what opened it (PBX time, not our processing time).
      statements.push(
        ctx.db.run(sql`UPDATE tasks SET done_at = ${event.occurredAt} WHERE company_id = ${event.companyId} AND kind = ${rule.closesTaskKind} AND done_at IS NULL
        AND coalesce((SELECT e.occurred_at FROM events e WHERE e.id = tasks.source_event_id), tasks.created_at) <= ${event.occurredAt}`),
      );
      tasksClosed++;
    }
    if (rule.taskTitleRu && taskOwner !== null) {
      statements.push(
        ctx.db.insert(tasks).values({
          userId: taskOwner,
          companyId: event.companyId,
          leadId: lead?.id ?? null,
          kind: rule.taskKind ?? 'custom',
          title: rule.taskTitleRu,
          dueAt: event.occurredAt + (rule.taskDueMinutes ?? 60) * 60_000,
          sourceEventId: eventId as never,
          createdAt: ctx.now,
        }),
      );
      tasksOpened++;
    }
    // One move per event: the first matching rule with a target that is ahead of the lead wins.
    if (!moved && lead && rule.toStageId && stageMap.position(rule.toStageId) > stageMap.position(lead.stage_id)) {
      moved = rule.toStageId;
      statements.push(
        ...moveStatements(
          ctx.db,
          stageMap,
          { id: lead.id, companyId: lead.company_id, regionId: lead.region_id, ownerId: lead.owner_id, stageId: lead.stage_id },
          rule.toStageId,
          { kind: 'rule', rule: rule.id, eventId, source: event.source },
          Math.max(event.occurredAt, lead.stage_entered_at),
        ),
      );
    }
  }
  return { statements, moved, tasksOpened, tasksClosed };
}

const LEAD_COLUMNS = sql.raw('l.id, l.company_id, l.region_id, l.owner_id, l.stage_id, l.stage_entered_at, l.created_at');

/** The event's lead, else the company's latest open lead: that is what the event is about. */
function leadOf(event: TimelineEvent, byId: Map<number, LeadRow>, openByCompany: Map<number, LeadRow>): LeadRow | undefined {
  if (event.leadId) return byId.get(event.leadId);
  return event.companyId === null ? undefined : openByCompany.get(event.companyId);
}

/**
 * The one pipeline for calls, mails and notes, whatever brought them: the event is appended to
 * the timeline and the funnel rules run in the same batch — a forward stage move with the rule as
 * cause, a task to open, or the open tasks of a kind to close. A second delivery of the same
 * (source, external id) fails the batch on the unique index and changes nothing. `extra`
 * statements (e.g. linking the call record to its event) ride in the same batch.
 */
export async function processEvent(ctx: ServiceContext, event: TimelineEvent, extra: unknown[] = []): Promise<ProcessedEvent> {
  return (await processEvents(ctx, [{ event, extra }]))[0]!;
}

/**
 * Many events at once (a PBX relay's batch) with the reads and writes of one: the leads of all of
 * them in one read, all statements in one batch. Two events about the same company cannot share
 * a batch (the second must see the first's stage move), so later ones go round again; a batch
 * that meets an already stored event falls back to one event at a time, so only that one is a
 * duplicate.
 */
export async function processEvents(
  ctx: ServiceContext,
  items: readonly { event: TimelineEvent; extra?: unknown[] }[],
): Promise<ProcessedEvent[]> {
  const results: ProcessedEvent[] = new Array(items.length);
  let pending = items.map((_, i) => i);
  const config = pending.length ? await configuration(ctx) : undefined;
  while (pending.length) {
    const round: number[] = [];
    const later: number[] = [];
    const companies = new Set<number>();
    for (const i of pending) {
      const { companyId } = items[i]!.event;
      if (companyId !== null && companies.has(companyId)) later.push(i);
      else {
        round.push(i);
        if (companyId !== null) companies.add(companyId);
      }
    }
    const leadIds = round.map((i) => items[i]!.event.leadId).filter((id): id is number => !!id);
    const companyIds = round
      .filter((i) => !items[i]!.event.leadId)
      .map((i) => items[i]!.event.companyId)
      .filter((id): id is number => id !== null);
    const [byIdRows, openRows] = await ctx.db.batch([
      ctx.db.all<LeadRow>(sql`SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.id IN (SELECT value FROM json_each(${JSON.stringify(leadIds)}))`),
      ctx.db.all<LeadRow>(sql`SELECT ${LEAD_COLUMNS} FROM leads l JOIN stages s ON s.id = l.stage_id
        WHERE l.company_id IN (SELECT value FROM json_each(${JSON.stringify(companyIds)})) AND l.closed_at IS NULL AND s.outcome = 'open'
        ORDER BY l.created_at DESC, l.id DESC`),
    ]);
    const byId = new Map(byIdRows.map((l) => [l.id, l]));
    const openByCompany = new Map<number, LeadRow>();
    for (const l of openRows) if (!openByCompany.has(l.company_id)) openByCompany.set(l.company_id, l);

    const built = round.map((i) => eventStatements(ctx, config!, items[i]!.event, leadOf(items[i]!.event, byId, openByCompany)));
    const statements = built.flatMap((b, k) => [...b.statements, ...(items[round[k]!]!.extra ?? [])]);
    try {
      const answers = (await ctx.db.batch(statements as never)) as unknown[];
      let at = 0;
      built.forEach((b, k) => {
        const inserted = answers[at] as { id: number }[];
        results[round[k]!] = {
          duplicate: false,
          eventId: inserted[0]?.id ?? null,
          moved: b.moved,
          tasksOpened: b.tasksOpened,
          tasksClosed: b.tasksClosed,
        };
        at += b.statements.length + (items[round[k]!]!.extra?.length ?? 0);
      });
    } catch (err) {
      if (!isDuplicate(err)) throw err;
      if (round.length === 1) results[round[0]!] = DUPLICATE;
      else for (const i of round) results[i] = (await processEvents(ctx, [items[i]!]))[0]!;
    }
    pending = later;
  }
  return results;
}
