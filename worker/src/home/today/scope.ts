import { sql, type SQL } from 'drizzle-orm';
import type { UserPrincipal } from '../../access';
import { QUEUE_ESCALATION_MS } from '../../funnel';

/**
 * Whose work «Мой день» shows (docs/workspace.md): a manager his own; a head his regions' people and
 * leads/clients of his regions; the admin everyone. The missed-call queue follows the queue's own rule
 * (funnel/tasks/access.ts `seesQueueTask`): a manager his regions' at once, a head after an hour.
 */
export interface TodayScope {
  /** Tasks with an owner (alias `t`). */
  tasks: SQL;
  /** Queue tasks (alias `t`). */
  queue: SQL;
  /** Open leads (alias `l`). */
  leads: SQL;
  /** Companies (alias `c`). */
  companies: SQL;
}

const NOTHING = sql`0 = 1`;

/**
 * The day of some regions, as their head sees it: their people's tasks (and the viewer's own), their
 * queue — after an hour for a head, at once for the admin (the queue's rule) — their leads and clients.
 */
function regionsScope(regionIds: number[], viewerId: number, queueAfter: number, now: number): TodayScope {
  const regions = sql`(SELECT value FROM json_each(${JSON.stringify(regionIds)}))`;
  const since = sql`coalesce((SELECT e.occurred_at FROM events e WHERE e.id = t.source_event_id), t.created_at)`;
  return {
    // One IN list (the people and the viewer), so each is one range of tasks_user_open_idx.
    tasks: sql`t.user_id IN (SELECT ur.user_id FROM user_regions ur WHERE ur.region_id IN ${regions} UNION ALL SELECT ${viewerId})`,
    queue: queueAfter
      ? sql`t.user_id IS NULL AND t.region_id IN ${regions} AND ${since} <= ${now - queueAfter}`
      : sql`t.user_id IS NULL AND t.region_id IN ${regions}`,
    leads: sql`l.region_id IN ${regions}`,
    companies: sql`c.region_id IN ${regions}`,
  };
}

/**
 * `region`: one region's day instead of all the caller's — the admin any region, a head one of his
 * (build.ts `pickedRegion` checks that); a manager's day is his own.
 */
export function todayScope(p: UserPrincipal, now: number, region?: number): TodayScope {
  const { role, id, regionIds } = p.user;
  if (role === 'admin') {
    if (region !== undefined) return regionsScope([region], id, 0, now);
    return {
      tasks: sql`t.user_id IS NOT NULL`,
      queue: sql`t.user_id IS NULL AND t.region_id IS NOT NULL`,
      leads: sql`1 = 1`,
      companies: sql`1 = 1`,
    };
  }
  if (role === 'head') {
    if (!regionIds.length) return { tasks: sql`t.user_id = ${id}`, queue: NOTHING, leads: NOTHING, companies: NOTHING };
    return regionsScope(region !== undefined ? [region] : regionIds, id, QUEUE_ESCALATION_MS, now);
  }
  const regions = sql`(SELECT value FROM json_each(${JSON.stringify(regionIds)}))`;
  return {
    tasks: sql`t.user_id = ${id}`,
    queue: regionIds.length ? sql`t.user_id IS NULL AND t.region_id IN ${regions}` : NOTHING,
    // The manager's own; the pool is worked through the queue and the client list.
    leads: sql`coalesce(l.owner_id, 0) = ${id}`,
    companies: sql`coalesce(c.owner_id, 0) = ${id}`,
  };
}
