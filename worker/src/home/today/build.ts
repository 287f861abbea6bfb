import { sql } from 'drizzle-orm';
import type { TodayCounts, TodayItem, TodayList } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { getUserTimeZone } from '../../admin';
import type { ServiceContext } from '../../platform/route';
import { localDayBounds } from '../../platform/time';
import { todayScope } from './scope';

/** A client is "going silent" after this long without a call, mail, note or done task. */
export const SILENT_DAYS = 30;
/** …when his 24-month revenue is at least this (kopecks: 100 000 ₽); the largest SILENT_LIMIT are shown. */
export const SILENT_MIN_REVENUE = 10_000_000;
export const SILENT_LIMIT = 10;
/** Per part of the list: a day's work, not a report. */
const PART_LIMIT = 200;

/** The number to call: the missed call's own, else the client's first phone. */
const PHONE = (taskAlias: 't' | null, companyColumn: string) => {
  const first = `(SELECT cp.value FROM contact_points cp WHERE cp.company_id = ${companyColumn} AND cp.kind = 'phone' ORDER BY cp.id LIMIT 1)`;
  return sql.raw(
    taskAlias
      ? `coalesce((SELECT e.counterpart FROM events e WHERE e.id = ${taskAlias}.source_event_id AND e.counterpart LIKE '+%'), ${first})`
      : first,
  );
};

export interface TaskRow {
  id: number;
  user_id: number | null;
  company_id: number | null;
  lead_id: number | null;
  kind: 'callback' | 'follow_up' | 'custom';
  title: string;
  due_at: number;
  company_name: string | null;
  user_name: string | null;
  money: number;
  phone: string | null;
}

export const TASK_SELECT = sql`SELECT t.id, t.user_id, t.company_id, t.lead_id, t.kind, t.title, t.due_at, t.done_at, c.name AS company_name,
  u.name AS user_name, coalesce(nullif(l.amount_kopecks, 0), c.revenue_24m, 0) AS money, ${PHONE('t', 't.company_id')} AS phone
  FROM tasks t LEFT JOIN companies c ON c.id = t.company_id LEFT JOIN leads l ON l.id = t.lead_id AND l.closed_at IS NULL
  LEFT JOIN users u ON u.id = t.user_id`;

export function taskItem(t: TaskRow, now: number, queued: boolean): TodayItem {
  return {
    kind: t.kind === 'callback' ? 'missed' : 'task',
    key: `task:${t.id}`,
    taskId: t.id,
    leadId: t.lead_id,
    companyId: t.company_id,
    companyName: t.company_name,
    userId: t.user_id,
    userName: t.user_name,
    title: t.title,
    at: t.due_at,
    overdue: t.due_at < now,
    queued,
    moneyKopecks: Number(t.money),
    phone: t.phone,
  };
}

/** The caller's overdue and missed counters (the menu badge), two counts on the tasks indexes. */
export async function countToday({ ctx }: { ctx: ServiceContext }): Promise<TodayCounts> {
  const p = requireUser(ctx.principal);
  const scope = todayScope(p, ctx.now);
  const row = await ctx.db.get<{ overdue: number; own_missed: number; queue: number }>(sql`SELECT
    (SELECT count(*) FROM tasks t WHERE ${scope.tasks} AND t.done_at IS NULL AND t.due_at < ${ctx.now}) AS overdue,
    (SELECT count(*) FROM tasks t WHERE ${scope.tasks} AND t.done_at IS NULL AND t.kind = 'callback') AS own_missed,
    (SELECT count(*) FROM tasks t WHERE ${scope.queue} AND t.done_at IS NULL) AS queue`);
  return { overdue: Number(row?.overdue ?? 0), missed: Number(row?.own_missed ?? 0) + Number(row?.queue ?? 0) };
}

/**
 * «Мой день»: calls to return, tasks due today or overdue, leads past their stage deadline and big
 * silent clients, scoped by the caller's access and ordered by the money at stake (docs/workspace.md).
 */
export async function buildToday({ ctx }: { ctx: ServiceContext }): Promise<TodayList> {
  const p = requireUser(ctx.principal);
  const now = ctx.now;
  const scope = todayScope(p, now);
  const timeZone = await getUserTimeZone({ ctx });
  const dayEnd = localDayBounds(now, timeZone)[1];
  const silentBefore = now - SILENT_DAYS * 86_400_000;
  const [own, queue, leads, silent, counts] = await Promise.all([
    ctx.db.all<TaskRow>(sql`${TASK_SELECT} WHERE ${scope.tasks} AND t.done_at IS NULL AND (t.due_at < ${dayEnd} OR t.kind = 'callback')
      ORDER BY t.due_at LIMIT ${PART_LIMIT}`),
    ctx.db.all<TaskRow>(sql`${TASK_SELECT} WHERE ${scope.queue} AND t.done_at IS NULL ORDER BY t.due_at LIMIT ${PART_LIMIT}`),
    ctx.db.all<{
      id: number;
      company_id: number;
      company_name: string;
      owner_id: number | null;
      user_name: string | null;
      stage: string;
      deadline: number;
      money: number;
      phone: string | null;
    }>(sql`SELECT l.id, l.company_id, c.name AS company_name, l.owner_id, u.name AS user_name, s.name_ru AS stage,
        l.stage_entered_at + s.sla_hours * 3600000 AS deadline, coalesce(nullif(l.amount_kopecks, 0), c.revenue_24m, 0) AS money,
        ${PHONE(null, 'l.company_id')} AS phone
      FROM stages s JOIN leads l ON l.stage_id = s.id AND l.closed_at IS NULL AND l.stage_entered_at < ${now} - s.sla_hours * 3600000
      JOIN companies c ON c.id = l.company_id LEFT JOIN users u ON u.id = l.owner_id
      WHERE s.sla_hours IS NOT NULL AND s.outcome = 'open' AND ${scope.leads}
      ORDER BY money DESC LIMIT ${PART_LIMIT}`),
    ctx.db.all<{
      id: number;
      name: string;
      owner_id: number | null;
      user_name: string | null;
      last_touch_at: number | null;
      money: number;
      phone: string | null;
    }>(
      sql`SELECT c.id, c.name, c.owner_id, u.name AS user_name, c.last_touch_at, c.revenue_24m AS money, ${PHONE(null, 'c.id')} AS phone
      FROM companies c LEFT JOIN users u ON u.id = c.owner_id
      WHERE c.merged_into_id IS NULL AND ${scope.companies} AND coalesce(c.last_touch_at, 0) < ${silentBefore} AND c.revenue_24m >= ${SILENT_MIN_REVENUE}
      ORDER BY c.revenue_24m DESC LIMIT ${SILENT_LIMIT}`,
    ),
    countToday({ ctx }),
  ]);
  const items: TodayItem[] = [...own.map((t) => taskItem(t, now, false)), ...queue.map((t) => taskItem(t, now, true))];
  for (const l of leads) {
    items.push({
      kind: 'stuck_lead',
      key: `lead:${l.id}`,
      taskId: null,
      leadId: l.id,
      companyId: l.company_id,
      companyName: l.company_name,
      userId: l.owner_id,
      userName: l.user_name,
      title: l.stage,
      at: Number(l.deadline),
      overdue: true,
      queued: false,
      moneyKopecks: Number(l.money),
      phone: l.phone,
    });
  }
  // A silent client already on the list (a task, a lead) is not listed twice.
  const listed = new Set(items.map((i) => i.companyId));
  for (const c of silent) {
    if (listed.has(c.id)) continue;
    items.push({
      kind: 'silent',
      key: `company:${c.id}`,
      taskId: null,
      leadId: null,
      companyId: c.id,
      companyName: c.name,
      userId: c.owner_id,
      userName: c.user_name,
      title: 'Давно без касания',
      at: c.last_touch_at,
      overdue: false,
      queued: false,
      moneyKopecks: Number(c.money),
      phone: c.phone,
    });
  }
  items.sort((a, b) => b.moneyKopecks - a.moneyKopecks || (a.at ?? 0) - (b.at ?? 0) || a.key.localeCompare(b.key));
  return { items, counts, dayEnd };
}
