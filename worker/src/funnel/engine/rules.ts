import { asc, eq } from 'drizzle-orm';
import { funnelRules } from '../../../../schema/db';
import type { Db } from '../../platform/db';

export type FunnelRule = typeof funnelRules.$inferSelect;

/** The facts of an event a rule can test. */
export interface RuleFacts {
  kind: string;
  direction: 'in' | 'out' | 'internal' | null;
  callResult: string | null;
  durationSec: number | null;
  hasAttachment: boolean;
  /** Stage of the lead the event belongs to, if any. */
  leadStageId: string | null;
}

interface Condition {
  direction?: string;
  callResult?: string;
  callResults?: string[];
  minDurationSec?: number;
  hasAttachment?: boolean;
  fromStages?: string[];
  anyOf?: Condition[];
}

/** Whether a rule's condition holds; unknown keys never match, so a typo in a rule disables it visibly. */
export function conditionHolds(condition: Condition, facts: RuleFacts): boolean {
  const known = new Set(['direction', 'callResult', 'callResults', 'minDurationSec', 'hasAttachment', 'fromStages', 'anyOf']);
  if (Object.keys(condition).some((k) => !known.has(k))) return false;
  if (condition.direction !== undefined && facts.direction !== condition.direction) return false;
  if (condition.callResult !== undefined && facts.callResult !== condition.callResult) return false;
  if (condition.callResults !== undefined && !condition.callResults.includes(facts.callResult ?? '')) return false;
  if (condition.minDurationSec !== undefined && (facts.durationSec ?? 0) < condition.minDurationSec) return false;
  if (condition.hasAttachment !== undefined && facts.hasAttachment !== condition.hasAttachment) return false;
  if (condition.fromStages !== undefined && !condition.fromStages.includes(facts.leadStageId ?? '')) return false;
  if (condition.anyOf !== undefined && !condition.anyOf.some((c) => conditionHolds(c, facts))) return false;
  return true;
}

export function matchingRules(rules: FunnelRule[], facts: RuleFacts): FunnelRule[] {
  return rules.filter((r) => r.active && r.eventKind === facts.kind && conditionHolds(r.condition as Condition, facts));
}

export async function loadRules(db: Db): Promise<FunnelRule[]> {
  return db.select().from(funnelRules).where(eq(funnelRules.active, true)).orderBy(asc(funnelRules.position)).all();
}
