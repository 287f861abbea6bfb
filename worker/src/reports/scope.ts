import { sql, type SQL } from 'drizzle-orm';
import type { ReportQuery } from '../../../schema/contracts';
import { requireUser, type UserPrincipal } from '../access';
import { AppError } from '../platform/errors';
import type { ServiceContext } from '../platform/route';
import { localDate } from '../platform/time';

export type Granularity = 'day' | 'week' | 'month';

/** A report's period and whose figures it counts, after the caller's access is applied. */
export interface ReportScope {
  caller: UserPrincipal;
  from: string;
  to: string;
  by: Granularity;
  /** Regions the figures are limited to; null = all. */
  regionIds: number[] | null;
  /** The one manager (owner / responsible / caller) the figures are limited to; null = any. */
  userId: number | null;
  companyId: number | null;
  raw: boolean;
  now: number;
}

const DAY = 86_400_000;
const NOT_A_DAY = { ru: 'Такого дня нет в календаре', en: 'Not a calendar day' };

/** Whether YYYY-MM-DD names a real day (2026-02-29 and 2026-11-31 do not). */
export function isCalendarDay(day: string): boolean {
  const ms = Date.parse(`${day}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === day;
}

/** A calendar day `n` days from `day` (both YYYY-MM-DD). */
export const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

/**
 * Period, granularity and scope of a report. Defaults: the last 30 days to today (Moscow), by day up
 * to two months, by week up to a year and a bit, else by month. A manager sees himself; a head his
 * regions (asking for another region or a manager outside them is refused); the admin everyone.
 * The raw recomputation is the admin's.
 */
export async function reportScope(ctx: ServiceContext, q: ReportQuery): Promise<ReportScope> {
  const caller = requireUser(ctx.principal);
  const today = localDate(ctx.now, 'Europe/Moscow');
  // The contract checks the shape (ГГГГ-ММ-ДД); a day that is not in the calendar (2026-02-30, 2026-13-01) is named here.
  const wrongDays = (['from', 'to'] as const).filter((k) => q[k] !== undefined && !isCalendarDay(q[k]));
  if (wrongDays.length)
    throw new AppError(
      'validation_failed',
      undefined,
      wrongDays.map((k) => ({ field: `query.${k}`, message: `${NOT_A_DAY[ctx.lang]}: «${q[k]}»` })),
    );
  const to = q.to ?? today;
  const from = q.from ?? addDays(to, -29);
  if (from > to)
    throw new AppError('validation_failed', { ru: 'Начало периода позже конца', en: 'The period starts after it ends' }, [
      { field: 'query.from', message: ctx.lang === 'ru' ? 'Начало периода позже конца' : 'from is after to' },
    ]);
  const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
  if (days > 3 * 366 + 1)
    throw new AppError('validation_failed', { ru: 'Период не длиннее трёх лет', en: 'At most three years' }, [
      { field: 'query.from', message: ctx.lang === 'ru' ? 'Период не длиннее трёх лет' : 'At most three years' },
    ]);
  const by: Granularity = q.by ?? (days <= 62 ? 'day' : days <= 400 ? 'week' : 'month');
  const { role, id, regionIds } = caller.user;
  if (q.source === 'raw' && role !== 'admin')
    throw new AppError('forbidden', {
      ru: 'Пересчёт по сырым данным доступен администратору',
      en: 'Only the admin may recompute from raw data',
    });

  let scopeRegions: number[] | null = role === 'head' ? regionIds : null;
  if (q.regionId !== undefined) {
    if (role === 'head' && !regionIds.includes(q.regionId))
      throw new AppError('forbidden', { ru: 'Это не ваш регион', en: 'Not your region' });
    scopeRegions = [q.regionId];
  }
  let userId: number | null = role === 'manager' ? id : null;
  if (q.managerId !== undefined && role !== 'manager') {
    if (role === 'head') {
      const inScope = await ctx.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM user_regions WHERE user_id = ${q.managerId}
        AND region_id IN (SELECT value FROM json_each(${JSON.stringify(regionIds)}))`);
      if (!inScope?.n)
        throw new AppError('forbidden', { ru: 'Этот менеджер не из ваших регионов', en: 'This manager is outside your regions' });
    }
    userId = q.managerId;
  }
  return { caller, from, to, by, regionIds: scopeRegions, userId, companyId: q.companyId ?? null, raw: q.source === 'raw', now: ctx.now };
}

/** The bucket a day falls in: the day, the Monday of its week, or its month. */
export function bucketOfDay(by: Granularity, day: SQL | string): SQL {
  const d = typeof day === 'string' ? sql.raw(day) : day;
  return by === 'day' ? sql`${d}` : by === 'week' ? sql`date(${d}, '-6 days', 'weekday 1')` : sql`substr(${d}, 1, 7)`;
}

/** Every bucket of the period in order, so a chart shows the empty ones too. */
export function bucketsOf(s: ReportScope): string[] {
  const out: string[] = [];
  for (let day = s.from; day <= s.to; day = addDays(day, 1)) {
    const key = s.by === 'day' ? day : s.by === 'month' ? day.slice(0, 7) : mondayOf(day);
    if (out[out.length - 1] !== key) out.push(key);
  }
  return out;
}

/** 0 for Monday … 6 for Sunday. */
export const weekdayOf = (day: string) => (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;

export function mondayOf(day: string): string {
  return addDays(day, -weekdayOf(day));
}

/** Managers whose calls a scope counts (calls are keyed by manager, not by client region). */
export function callUserFilter(s: ReportScope, column: SQL): SQL {
  if (s.userId !== null) return sql`${column} = ${s.userId}`;
  if (s.regionIds === null) return sql`1`;
  return sql`${column} IN (SELECT user_id FROM user_regions WHERE region_id IN (SELECT value FROM json_each(${JSON.stringify(s.regionIds)})))`;
}

/** Region and owner limits on a rollup or raw table keyed by region and owner. */
export function regionOwnerFilter(s: ReportScope, region: SQL, owner: SQL): SQL {
  const parts: SQL[] = [sql`1`];
  if (s.regionIds !== null) parts.push(sql`${region} IN (SELECT value FROM json_each(${JSON.stringify(s.regionIds)}))`);
  if (s.userId !== null) parts.push(sql`${owner} = ${s.userId}`);
  return sql.join(parts, sql` AND `);
}

export const MSK_DAY = (ms: SQL) => sql`date(${ms} / 1000 + 10800, 'unixepoch')`;

/**
 * Whether the caller may see the company `alias` (a raw-SQL alias of companies) — the same rule as
 * canReadCompany: the admin all, a head his regions, a manager his own clients and his regions' pool.
 * Drill-downs show a company's name, id and number only where this holds.
 */
export function companyVisible(caller: UserPrincipal, alias = 'c'): SQL {
  const { role, id, regionIds } = caller.user;
  const region = sql.raw(`${alias}.region_id`);
  const owner = sql.raw(`${alias}.owner_id`);
  const inRegions = sql`${region} IN (SELECT value FROM json_each(${JSON.stringify(regionIds)}))`;
  if (role === 'admin') return sql`1`;
  if (role === 'head') return inRegions;
  return sql`(${owner} = ${id} OR (${owner} IS NULL AND ${inRegions}))`;
}
