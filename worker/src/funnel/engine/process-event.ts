import { sql, type SQL } from 'drizzle-orm';
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
  /** 1 when the lead's owner is an active user. */
  owner_active: number | null;
}

interface CompanyRow {
  id: number;
  owner_id: number | null;
  region_id: number;
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

/** What the rules' effects need to know beside the event: its lead and who owns its company. */
interface Subject {
  lead: LeadRow | undefined;
  company: CompanyRow | undefined;
}

const factsOf = (event: TimelineEvent, lead: LeadRow | undefined) => ({
  kind: event.kind,
  direction: event.direction ?? null,
  callResult: event.callResult ?? null,
  durationSec: event.durationSec ?? null,
  hasAttachment: event.hasAttachment ?? false,
  leadStageId: lead?.stage_id ?? null,
});

/**
 * The effects of `rules` for one event: a forward stage move (the first that is ahead of the
 * lead), the open tasks of a kind closed, a task opened. A task goes to the client's responsible
 * manager (the company's owner, else the lead's); a client nobody owns puts it in the missed-call
 * queue of the company's region, where the first manager to take it owns it. A client has at most
 * one open task of a kind from the rules: a second missed call does not make a second call-back.
 */
function effectStatements(
  ctx: ServiceContext,
  stageMap: StageMap,
  rules: readonly FunnelRule[],
  event: TimelineEvent,
  { lead, company }: Subject,
  eventId: SQL,
) {
  const statements: unknown[] = [];
  let moved: string | null = null;
  let tasksOpened = 0;
  let tasksClosed = 0;
  const leadOwner = lead?.owner_active ? lead.owner_id : null;
  const owner = company?.owner_id ?? leadOwner ?? (event.companyId === null ? event.userId : null);
  const queueRegion = owner === null ? (company?.region_id ?? lead?.region_id ?? event.regionId) : null;
  for (const rule of rules) {
    if (rule.closesTaskKind && event.companyId !== null) {
      // A task closes when this event happened after what opened it (PBX time, not our processing time).
      statements.push(
        ctx.db.run(sql`UPDATE tasks SET done_at = ${event.occurredAt} WHERE company_id = ${event.companyId} AND kind = ${rule.closesTaskKind} AND done_at IS NULL
        AND coalesce((SELECT e.occurred_at FROM events e WHERE e.id = tasks.source_event_id), tasks.created_at) <= ${event.occurredAt}`),
      );
      tasksClosed++;
    }
    if (rule.taskTitleRu && (owner !== null || queueRegion !== null)) {
      const kind = rule.taskKind ?? 'custom';
      statements.push(
        ctx.db.run(sql`INSERT INTO tasks (user_id, region_id, company_id, lead_id, kind, title, due_at, source_event_id, created_at)
          SELECT ${owner}, ${queueRegion}, ${event.companyId}, ${lead?.id ?? null}, ${kind}, ${rule.taskTitleRu},
            ${event.occurredAt + (rule.taskDueMinutes ?? 60) * 60_000}, ${eventId}, ${ctx.now}
          WHERE ${event.companyId} IS NULL OR NOT EXISTS (SELECT 1 FROM tasks WHERE company_id = ${event.companyId} AND kind = ${kind} AND done_at IS NULL)`),
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

/**
 * The statements of one event: the timeline row (returning its id, first) and the effects of the
 * funnel rules it matches against its lead — its own, else the company's latest open lead.
 */
function eventStatements(ctx: ServiceContext, { stageMap, rules }: Configuration, event: TimelineEvent, subject: Subject) {
  const { lead } = subject;
  const matched = matchingRules(rules, factsOf(event, lead));
  const eventId = sql`(SELECT id FROM events WHERE source = ${event.source} AND external_id = ${event.externalId})`;
  const insert = ctx.db
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
    .returning({ id: events.id });
  const effects = effectStatements(ctx, stageMap, matched, event, subject, eventId);
  return { ...effects, statements: [insert, ...effects.statements] };
}

const LEAD_COLUMNS = sql.raw(
  'l.id, l.company_id, l.region_id, l.owner_id, l.stage_id, l.stage_entered_at, l.created_at, (SELECT active FROM users WHERE id = l.owner_id) AS owner_active',
);

// A deactivated owner is nobody's responsible manager any more: his client's tasks go to the region's queue.
const companiesOf = (ctx: ServiceContext, ids: number[]) =>
  ctx.db.all<CompanyRow>(sql`SELECT id, CASE WHEN (SELECT active FROM users WHERE id = owner_id) = 1 THEN owner_id END AS owner_id, region_id
    FROM companies WHERE id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`);

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
    const allCompanyIds = round.map((i) => items[i]!.event.companyId).filter((id): id is number => id !== null);
    const [byIdRows, openRows, companyRows] = await ctx.db.batch([
      ctx.db.all<LeadRow>(sql`SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.id IN (SELECT value FROM json_each(${JSON.stringify(leadIds)}))`),
      ctx.db.all<LeadRow>(sql`SELECT ${LEAD_COLUMNS} FROM leads l JOIN stages s ON s.id = l.stage_id
        WHERE l.company_id IN (SELECT value FROM json_each(${JSON.stringify(companyIds)})) AND l.closed_at IS NULL AND s.outcome = 'open'
        ORDER BY l.created_at DESC, l.id DESC`),
      companiesOf(ctx, allCompanyIds),
    ]);
    const companyById = new Map(companyRows.map((c) => [c.id, c]));
    const byId = new Map(byIdRows.map((l) => [l.id, l]));
    const openByCompany = new Map<number, LeadRow>();
    for (const l of openRows) if (!openByCompany.has(l.company_id)) openByCompany.set(l.company_id, l);

    const built = round.map((i) => {
      const event = items[i]!.event;
      const company = event.companyId === null ? undefined : companyById.get(event.companyId);
      return eventStatements(ctx, config!, event, { lead: leadOf(event, byId, openByCompany), company });
    });
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

const RESULT_RU: Record<string, string> = { answered: 'отвечен', missed: 'пропущен', busy: 'занято', failed: 'не состоялся' };

interface StoredEvent {
  id: number;
  lead_id: number | null;
  call_result: string | null;
  duration_sec: number | null;
  rules: string | null;
}

/**
 * A stored event whose facts changed (a call's final outcome arrived later: missed → answered,
 * the talk time, the manager) brings its funnel effects in line with the final facts: the
 * event row takes the new facts; a task opened by a rule that no longer holds is cancelled with the
 * cause; a rule that now holds applies once (a qualification now due, call-back tasks closed). Rules
 * already applied are never applied again. Stage moves are not undone (no event moves a lead back).
 */
export async function reconcileEvent(ctx: ServiceContext, eventId: number, event: TimelineEvent): Promise<ProcessedEvent> {
  const [storedRows, config] = await Promise.all([
    ctx.db.all<StoredEvent>(
      sql`SELECT id, lead_id, call_result, duration_sec, json_extract(details, '$.rules') AS rules FROM events WHERE id = ${eventId}`,
    ),
    configuration(ctx),
  ]);
  const stored = storedRows[0];
  if (!stored) return DUPLICATE;
  const leadId = stored.lead_id ?? event.leadId ?? null;
  const [leadRows, companyRows] = await ctx.db.batch([
    leadId !== null
      ? ctx.db.all<LeadRow>(sql`SELECT ${LEAD_COLUMNS} FROM leads l WHERE l.id = ${leadId}`)
      : ctx.db.all<LeadRow>(sql`SELECT ${LEAD_COLUMNS} FROM leads l JOIN stages s ON s.id = l.stage_id
          WHERE l.company_id = ${event.companyId} AND l.closed_at IS NULL AND s.outcome = 'open' ORDER BY l.created_at DESC, l.id DESC LIMIT 1`),
    companiesOf(ctx, event.companyId === null ? [] : [event.companyId]),
  ]);
  const subject = { lead: leadRows[0], company: companyRows[0] };
  const matched = matchingRules(config.rules, factsOf(event, subject.lead));
  const before = new Set<string>(stored.rules ? (JSON.parse(stored.rules) as string[]) : []);
  const now = new Set(matched.map((r) => r.id));
  const added = matched.filter((r) => !before.has(r.id));
  const dropped = config.rules.filter((r) => before.has(r.id) && !now.has(r.id));
  const fromText = `${RESULT_RU[stored.call_result ?? ''] ?? stored.call_result ?? '—'}${stored.duration_sec ? `, ${stored.duration_sec} с` : ''}`;
  const toText = `${RESULT_RU[event.callResult ?? ''] ?? event.callResult ?? '—'}${event.durationSec ? `, ${event.durationSec} с` : ''}`;
  const cause = `Итог звонка уточнён: ${fromText} → ${toText}`;
  const change = { at: ctx.now, added: added.map((r) => r.id), dropped: dropped.map((r) => r.id), cause };
  const statements: unknown[] = [
    ctx.db.run(sql`UPDATE events SET duration_sec = ${event.durationSec ?? null}, call_result = ${event.callResult ?? null},
      targeted = ${event.targeted ? 1 : 0}, occurred_at = ${event.occurredAt}, user_id = coalesce(${event.userId}, user_id),
      details = json_patch(coalesce(details, '{}'), ${JSON.stringify({ ...event.details, rules: matched.map((r) => r.id), ...(added.length || dropped.length ? { reconciled: change } : {}) })})
      WHERE id = ${eventId}`),
  ];
  let tasksClosed = 0;
  for (const rule of dropped) {
    if (!rule.taskTitleRu) continue;
    statements.push(
      ctx.db.run(sql`UPDATE tasks SET done_at = ${ctx.now}, cancelled_at = ${ctx.now}, cancel_reason = ${cause}
        WHERE source_event_id = ${eventId} AND kind = ${rule.taskKind ?? 'custom'} AND done_at IS NULL`),
    );
    tasksClosed++;
  }
  // Tasks the event opened that still hold follow its corrected moment (a call first heard of by its end).
  for (const rule of matched) {
    if (!rule.taskTitleRu || added.includes(rule)) continue;
    statements.push(
      ctx.db.run(sql`UPDATE tasks SET due_at = ${event.occurredAt + (rule.taskDueMinutes ?? 60) * 60_000}
        WHERE source_event_id = ${eventId} AND kind = ${rule.taskKind ?? 'custom'} AND done_at IS NULL`),
    );
  }
  const effects = effectStatements(ctx, config.stageMap, added, event, subject, sql`${eventId}`);
  await ctx.db.batch([...statements, ...effects.statements] as never);
  return {
    duplicate: false,
    eventId,
    moved: effects.moved,
    tasksOpened: effects.tasksOpened,
    tasksClosed: tasksClosed + effects.tasksClosed,
  };
}
