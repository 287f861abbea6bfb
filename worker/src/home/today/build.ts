import { sql, type SQL } from 'drizzle-orm';
import type { Lang } from '../../platform/i18n';
import type { TodayCounts, TodayItem, TodayList } from '../../../../schema/contracts';
import { requireUser, type UserPrincipal } from '../../access';
import { forbidden, notFound } from '../../platform/errors';
import { knownTimeZone, leadName } from '../../platform/ru-format';
import type { ServiceContext } from '../../platform/route';
import { localDayBounds } from '../../platform/time';
import { todayScope, type TodayScope } from './scope';

/** A client is "going silent" after this long without a call, mail, note or done task. */
export const SILENT_DAYS = 30;
/** …when his 24-month revenue is at least this (kopecks: 100 000 ₽); the largest SILENT_LIMIT are shown. */
export const SILENT_MIN_REVENUE = 10_000_000;
export const SILENT_LIMIT = 10;
/** Per part of the list, and of the list shown: a day's work by money, not a report (the counters say the rest). */
const PART_LIMIT = 100;
export const TODAY_LIMIT = 100;

/** The number to call: the missed call's own, else the client's first phone. */
const PHONE = (taskAlias: 'x' | null, companyColumn: string) => {
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
  cancelled_at: number | null;
  company_name: string | null;
  user_name: string | null;
  money: number;
  phone: string | null;
  /** The task's open lead, to name it (null when none or closed). */
  lead_subject: string | null;
  lead_channel: string | null;
  lead_created_at: number | null;
  lead_region_id: number | null;
}

/**
 * What names a lead (format-ru leadName): subject, else origin and day in its region's zone. The zone is
 * looked up in JS from the regions read in the same batch (`REGION_ZONES`): a correlated subquery in the
 * outer SELECT ran for every candidate row of a head's region before the sort (page.today 40 → 70 ms).
 */
const LEAD_NAME_COLUMNS = (lead: string) =>
  sql.raw(`${lead}.subject AS lead_subject, ${lead}.channel AS lead_channel, ${lead}.created_at AS lead_created_at,
  ${lead}.region_id AS lead_region_id`);
export const REGION_ZONES = sql`SELECT id, time_zone FROM regions`;
export type RegionZones = ReadonlyMap<number, string | null>;
export const regionZones = (rows: readonly { id: number; time_zone: string | null }[]): RegionZones =>
  new Map(rows.map((r) => [r.id, r.time_zone]));

interface LeadNameRow {
  company_name: string | null;
  lead_subject: string | null;
  lead_channel: string | null;
  lead_created_at: number | null;
  lead_region_id: number | null;
}
const nameOfLead = (r: LeadNameRow, lang: Lang, zones: RegionZones) =>
  r.lead_created_at === null
    ? null
    : leadName({
        companyName: r.company_name ?? '',
        subject: r.lead_subject,
        channel: r.lead_channel,
        createdAt: r.lead_created_at,
        timeZone: knownTimeZone(r.lead_region_id === null ? null : zones.get(r.lead_region_id)),
        lang,
      });

export const TASK_SELECT = sql`SELECT t.id, t.user_id, t.company_id, t.lead_id, t.kind, t.title, t.due_at, t.done_at, t.cancelled_at, t.source_event_id,
  c.name AS company_name, u.name AS user_name, coalesce(nullif(l.amount_kopecks, 0), c.revenue_24m, 0) AS money, ${LEAD_NAME_COLUMNS('l')}
  FROM tasks t LEFT JOIN companies c ON c.id = t.company_id LEFT JOIN leads l ON l.id = t.lead_id AND l.closed_at IS NULL
  LEFT JOIN users u ON u.id = t.user_id`;

/**
 * The phone of each row looked up after the LIMIT: a correlated subquery in the inner SELECT would run
 * for every candidate row before the sort (a head's region: thousands), not for the rows shown.
 */
export const withTaskPhone = (inner: SQL) => sql`SELECT x.*, ${PHONE('x', 'x.company_id')} AS phone FROM (${inner}) x`;

/** A task as a row; `lang` is the words of a subject-less lead's name («звонок от …» / «call of …»). */
export function taskItem(t: TaskRow, now: number, queued: boolean, lang: Lang, zones: RegionZones): TodayItem {
  return {
    kind: t.kind === 'callback' ? 'missed' : 'task',
    key: `task:${t.id}`,
    taskId: t.id,
    leadId: t.lead_id,
    companyId: t.company_id,
    companyName: t.company_name,
    leadName: nameOfLead(t, lang, zones),
    userId: t.user_id,
    userName: t.user_name,
    title: t.title,
    at: t.due_at,
    overdue: t.due_at < now,
    queued,
    cancelled: t.cancelled_at !== null,
    moneyKopecks: Number(t.money),
    phone: t.phone,
  };
}

const countsQuery = (scope: TodayScope, now: number) => sql`SELECT
    (SELECT count(*) FROM tasks t WHERE ${scope.tasks} AND t.done_at IS NULL AND t.due_at < ${now}) AS overdue,
    (SELECT count(*) FROM tasks t WHERE ${scope.tasks} AND t.done_at IS NULL AND t.kind = 'callback') AS own_missed,
    (SELECT count(*) FROM tasks t WHERE ${scope.queue} AND t.done_at IS NULL) AS queue`;
type CountsRow = { overdue: number; own_missed: number; queue: number };
const countsOf = (row: CountsRow | undefined): TodayCounts => ({
  overdue: Number(row?.overdue ?? 0),
  missed: Number(row?.own_missed ?? 0) + Number(row?.queue ?? 0),
});

/** The caller's overdue and missed counters (the menu badge), counts on the tasks indexes. */
export async function countToday({ ctx }: { ctx: ServiceContext }): Promise<TodayCounts> {
  const p = requireUser(ctx.principal);
  return countsOf(await ctx.db.get<CountsRow>(countsQuery(todayScope(p, ctx.now), ctx.now)));
}

/**
 * One region's day instead of all the caller's: the admin picks any region, a head one of his (another
 * is the same 404 as a missing one); a manager's day is his own work, not a region's.
 */
export function pickedRegion(p: UserPrincipal, regionId: number | undefined): number | undefined {
  if (regionId === undefined) return undefined;
  if (p.user.role === 'manager')
    throw forbidden({ ru: 'День региона смотрят руководитель и администратор', en: "A region's day is for heads and the admin" });
  if (p.user.role === 'head' && !p.user.regionIds.includes(regionId)) throw notFound();
  return regionId;
}

/**
 * «Мой день»: calls to return, tasks due today or overdue, leads past their stage deadline and big
 * silent clients, scoped by the caller's access and ordered by the money at stake (docs/workspace.md).
 */
export async function buildToday({
  ctx,
  input = {},
}: {
  ctx: ServiceContext;
  input?: { regionId?: number | undefined };
}): Promise<TodayList> {
  const p = requireUser(ctx.principal);
  const now = ctx.now;
  const scope = todayScope(p, now, pickedRegion(p, input.regionId));
  const silentBefore = now - SILENT_DAYS * 86_400_000;
  // One round trip: the caller's zone (for "today"), the four parts and the counters. Tasks are read
  // up to 36 h ahead and cut at the end of his local day below, once the zone is known.
  const [zone, own, queue, leads, silent, counts, regionRows] = await ctx.db.batch([
    ctx.db.all<{ time_zone: string | null }>(sql`SELECT time_zone FROM users WHERE id = ${p.user.id}`),
    ctx.db.all<TaskRow>(
      withTaskPhone(sql`${TASK_SELECT} WHERE ${scope.tasks} AND t.done_at IS NULL AND (t.due_at < ${now + 36 * 3_600_000} OR t.kind = 'callback')
      ORDER BY t.due_at LIMIT ${PART_LIMIT}`),
    ),
    ctx.db.all<TaskRow>(
      withTaskPhone(sql`${TASK_SELECT} WHERE ${scope.queue} AND t.done_at IS NULL ORDER BY t.due_at LIMIT ${PART_LIMIT}`),
    ),
    ctx.db.all<
      {
        id: number;
        company_id: number;
        company_name: string;
        owner_id: number | null;
        user_name: string | null;
        stage: string;
        deadline: number;
        money: number;
        phone: string | null;
      } & LeadNameRow
    >(sql`SELECT x.*, ${PHONE(null, 'x.company_id')} AS phone FROM (SELECT l.id, l.company_id, c.name AS company_name, l.owner_id,
        u.name AS user_name, s.name_ru AS stage, l.stage_entered_at + s.sla_hours * 3600000 AS deadline, ${LEAD_NAME_COLUMNS('l')},
        coalesce(nullif(l.amount_kopecks, 0), c.revenue_24m, 0) AS money
      FROM stages s JOIN leads l ON l.stage_id = s.id AND l.closed_at IS NULL AND l.stage_entered_at < ${now} - s.sla_hours * 3600000
      JOIN companies c ON c.id = l.company_id LEFT JOIN users u ON u.id = l.owner_id
      WHERE s.sla_hours IS NOT NULL AND s.outcome = 'open' AND ${scope.leads}
      ORDER BY money DESC LIMIT ${PART_LIMIT}) x`),
    ctx.db.all<{
      id: number;
      name: string;
      owner_id: number | null;
      user_name: string | null;
      last_touch_at: number | null;
      money: number;
      phone: string | null;
    }>(
      sql`SELECT x.*, ${PHONE(null, 'x.id')} AS phone FROM (SELECT c.id, c.name, c.owner_id, u.name AS user_name, c.last_touch_at, c.revenue_24m AS money
      FROM companies c LEFT JOIN users u ON u.id = c.owner_id
      WHERE c.merged_into_id IS NULL AND ${scope.companies} AND coalesce(c.last_touch_at, 0) < ${silentBefore} AND c.revenue_24m >= ${SILENT_MIN_REVENUE}
      ORDER BY c.revenue_24m DESC LIMIT ${SILENT_LIMIT}) x`,
    ),
    ctx.db.all<CountsRow>(countsQuery(scope, now)),
    ctx.db.all<{ id: number; time_zone: string | null }>(REGION_ZONES),
  ]);
  const zones = regionZones(regionRows);
  const timeZone = knownTimeZone(zone[0]?.time_zone);
  const dayEnd = localDayBounds(now, timeZone)[1];
  const items: TodayItem[] = [
    ...own.filter((t) => t.due_at < dayEnd || t.kind === 'callback').map((t) => taskItem(t, now, false, ctx.lang, zones)),
    ...queue.map((t) => taskItem(t, now, true, ctx.lang, zones)),
  ];
  for (const l of leads) {
    items.push({
      kind: 'stuck_lead',
      key: `lead:${l.id}`,
      taskId: null,
      leadId: l.id,
      companyId: l.company_id,
      companyName: l.company_name,
      leadName: nameOfLead(l, ctx.lang, zones),
      userId: l.owner_id,
      userName: l.user_name,
      title: l.stage,
      at: Number(l.deadline),
      overdue: true,
      queued: false,
      cancelled: false,
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
      leadName: null,
      userId: c.owner_id,
      userName: c.user_name,
      title: 'Давно без касания',
      at: c.last_touch_at,
      overdue: false,
      queued: false,
      cancelled: false,
      moneyKopecks: Number(c.money),
      phone: c.phone,
    });
  }
  items.sort((a, b) => b.moneyKopecks - a.moneyKopecks || (a.at ?? 0) - (b.at ?? 0) || a.key.localeCompare(b.key));
  return { items: items.slice(0, TODAY_LIMIT), counts: countsOf(counts[0]), dayEnd, timeZone };
}
