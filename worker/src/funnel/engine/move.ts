import { eq, sql, type SQL } from 'drizzle-orm';
import { events, leads, stageChanges } from '../../../../schema/db';
import type { Db } from '../../platform/db';
import type { StageMap } from './stages';

export interface LeadState {
  id: number;
  companyId: number;
  regionId: number;
  ownerId: number | null;
  stageId: string;
}

export type MoveCause =
  | {
      kind: 'event';
      eventId: number | SQL;
      source: 'onec' | 'mango' | 'zadarma' | 'generic' | 'sandbox' | 'mail' | 'extension' | 'manual' | 'import';
    }
  | {
      kind: 'rule';
      rule: string;
      eventId: number | SQL;
      source: 'onec' | 'mango' | 'zadarma' | 'generic' | 'sandbox' | 'mail' | 'extension' | 'manual' | 'import';
    }
  | { kind: 'user'; userId: number; reason: string | null }
  | { kind: 'recompute'; eventId: number | SQL | null; reason: string };

/**
 * The statements of one stage move, for the caller's batch: the lead's stage and timestamps,
 * the stage-change row with its cause (what makes "why is it here" and time-in-stage exact),
 * and a stage_change event on the timeline. Winning closes the lead and makes the company a client.
 */
export function moveStatements(
  db: Db,
  stageMap: StageMap,
  lead: LeadState,
  toStageId: string,
  cause: MoveCause,
  at: number,
  lostReason?: string | null,
) {
  const to = stageMap.byId.get(toStageId);
  if (!to) throw new Error(`unknown stage ${toStageId}`);
  const from = stageMap.byId.get(lead.stageId);
  const closed = to.outcome !== 'open';
  const userId = cause.kind === 'user' ? cause.userId : null;
  const source = cause.kind === 'user' ? 'manual' : cause.kind === 'recompute' ? 'onec' : cause.source;
  const statements = [
    db
      .update(leads)
      .set({
        stageId: toStageId,
        stageEnteredAt: at,
        closedAt: closed ? at : null,
        lostReason: to.outcome === 'lost' ? (lostReason ?? null) : null,
      })
      .where(eq(leads.id, lead.id)),
    db.insert(stageChanges).values({
      leadId: lead.id,
      fromStageId: lead.stageId,
      toStageId,
      at,
      cause: cause.kind,
      causeEventId: (cause.kind === 'user' ? null : cause.eventId) as number | null,
      causeRule: cause.kind === 'rule' ? cause.rule : null,
      userId,
      reason: cause.kind === 'user' ? cause.reason : cause.kind === 'recompute' ? cause.reason : null,
    }),
    db
      .insert(events)
      .values({
        kind: 'stage_change',
        source,
        externalId: `stage:${lead.id}:${at}:${toStageId}`,
        occurredAt: at,
        companyId: lead.companyId,
        leadId: lead.id,
        userId,
        regionId: lead.regionId,
        subject: `${from?.nameRu ?? lead.stageId} → ${to.nameRu}`,
        details: { from: lead.stageId, to: toStageId, cause: cause.kind, ...(cause.kind === 'rule' ? { rule: cause.rule } : {}) },
        createdAt: at,
      })
      .onConflictDoNothing(),
  ];
  if (to.outcome === 'won')
    statements.push(db.run(sql`UPDATE companies SET status = 'client', updated_at = ${at} WHERE id = ${lead.companyId}`) as never);
  return statements;
}
