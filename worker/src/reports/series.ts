import { sql, type SQL } from 'drizzle-orm';
import type { Report } from '../../../schema/contracts';
import type { ServiceContext } from '../platform/route';
import { addDays, bucketOfDay, bucketsOf, weekdayOf, type ReportScope } from './scope';
import { ru } from './translate';

type Column = Report['tableColumns'][number];

/**
 * A report that is sums per period bucket and per manager, read from a day-keyed rollup — or, the
 * naive way (and for one client), by GROUP BY over the raw rows. Both answer the same figures.
 */
export interface SeriesSpec {
  report: Report['report'];
  titleRu: string;
  columns: (Column & { kind: 'int' | 'money' | 'duration' })[];
  /** The day table, its weekly twin (`*_w`, whole Monday–Sunday weeks), their filter and manager column. */
  rollup: { table: string; where: (s: ReportScope) => SQL; manager: string };
  raw: { from: (s: ReportScope) => SQL; day: SQL; manager: SQL; measures: SQL };
  /** Derived figures (conversions) from the sums of a row. */
  derive?: (r: Record<string, number>) => Record<string, number | null>;
  derivedColumns?: Column[];
  notes: string[];
}

/**
 * The rollup rows of a period: whole weeks from the weekly table, the days at the edges from the
 * daily one — a year reads ~52 rows per key instead of ~365. `weeks` false reads days only (a
 * daily or monthly chart needs them).
 */
function rollupRows(spec: SeriesSpec, s: ReportScope, bucket: SQL, weeks: boolean): SQL {
  const keys = spec.columns.map((c) => c.key).join(', ');
  const firstMonday = addDays(s.from, (7 - weekdayOf(s.from)) % 7);
  const lastMonday = addDays(s.to, -((weekdayOf(s.to) + 1) % 7) - 6);
  const where = spec.rollup.where(s);
  const day = (from: string, to: string) => sql`SELECT ${bucket} AS bucket, ${sql.raw(spec.rollup.manager)} AS manager_id, ${sql.raw(keys)}
    FROM ${sql.raw(spec.rollup.table)} WHERE day BETWEEN ${from} AND ${to} AND ${where}`;
  if (!weeks || firstMonday > lastMonday) return day(s.from, s.to);
  return sql`${day(s.from, addDays(firstMonday, -1))}
    UNION ALL SELECT week AS bucket, ${sql.raw(spec.rollup.manager)} AS manager_id, ${sql.raw(keys)}
      FROM ${sql.raw(`${spec.rollup.table}_w`)} WHERE week BETWEEN ${firstMonday} AND ${lastMonday} AND ${where}
    UNION ALL ${day(addDays(lastMonday, 7), s.to)}`;
}

export async function seriesReport(ctx: ServiceContext, s: ReportScope, spec: SeriesSpec): Promise<Report> {
  const raw = s.raw || s.companyId !== null;
  const keys = spec.columns.map((c) => c.key);
  const sums = sql.raw(keys.map((k) => `sum(${k}) AS ${k}`).join(', '));
  const bucket = bucketOfDay(s.by, raw ? spec.raw.day : sql.raw('day'));
  const measure = keys[0]!;
  // By week the chart draws one series per manager, so the head sees who carries the week.
  const perManager = s.by === 'week';
  const [series, byManager, names, weekly] = await ctx.db.batch([
    raw
      ? ctx.db.all<Record<string, number> & { bucket: string }>(
          sql`SELECT ${bucket} AS bucket, ${spec.raw.measures} ${spec.raw.from(s)} GROUP BY 1`,
        )
      : ctx.db.all<Record<string, number> & { bucket: string }>(
          sql`SELECT bucket, ${sums} FROM (${rollupRows(spec, s, bucket, s.by === 'week')}) GROUP BY 1`,
        ),
    raw
      ? ctx.db.all<Record<string, number> & { manager_id: number }>(
          sql`SELECT ${spec.raw.manager} AS manager_id, ${spec.raw.measures} ${spec.raw.from(s)} GROUP BY 1`,
        )
      : ctx.db.all<Record<string, number> & { manager_id: number }>(
          sql`SELECT manager_id, ${sums} FROM (${rollupRows(spec, s, sql.raw("''"), true)}) GROUP BY 1`,
        ),
    ctx.db.all<{ id: number; name: string }>(sql`SELECT id, name FROM users`),
    !perManager
      ? ctx.db.all<{ bucket: string; manager_id: number; v: number }>(sql`SELECT '' AS bucket, 0 AS manager_id, 0 AS v WHERE 0`)
      : raw
        ? ctx.db.all<{ bucket: string; manager_id: number; v: number }>(
            sql`SELECT bucket, manager_id, ${sql.raw(measure)} AS v FROM (SELECT ${bucket} AS bucket, ${spec.raw.manager} AS manager_id, ${spec.raw.measures} ${spec.raw.from(s)} GROUP BY 1, 2)`,
          )
        : ctx.db.all<{ bucket: string; manager_id: number; v: number }>(
            sql`SELECT bucket, manager_id, sum(${sql.raw(measure)}) AS v FROM (${rollupRows(spec, s, bucket, true)}) GROUP BY 1, 2`,
          ),
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  const point = (r: Record<string, number> | undefined) => {
    const base = Object.fromEntries(keys.map((k) => [k, Number(r?.[k] ?? 0)]));
    return { ...base, ...(spec.derive?.(base) ?? {}) };
  };
  const byBucket = new Map(series.map((r) => [r.bucket, r]));
  const total = Object.fromEntries(keys.map((k) => [k, series.reduce((acc, r) => acc + Number(r[k] ?? 0), 0)]));
  const columns = [...spec.columns, ...(spec.derivedColumns ?? [])];
  const buckets = bucketsOf(s);
  const managerSeries = perManager ? weeklyByManager(weekly, buckets, nameOf) : undefined;
  return {
    report: spec.report,
    titleRu: spec.titleRu,
    from: s.from,
    to: s.to,
    by: s.by,
    source: raw ? 'raw' : 'rollup',
    seriesColumns: [{ key: 'bucket', titleRu: ru('reports.api.period'), kind: 'date' }, ...columns],
    series: buckets.map((b) => ({ bucket: b, ...point(byBucket.get(b)) })),
    totals: point(total),
    tableColumns: [{ key: 'manager', titleRu: ru('reports.api.manager'), kind: 'text' }, ...columns],
    rows: byManager
      .map(
        (r): Record<string, string | number | null> => ({
          manager: nameOf.get(r.manager_id) ?? ru('reports.api.noManager'),
          userId: r.manager_id,
          ...point(r),
        }),
      )
      .sort((a, b) => Number(b[keys[0]!]) - Number(a[keys[0]!])),
    ...(managerSeries ? { managerSeries: { measure, managers: managerSeries } } : {}),
    notes: spec.notes,
  };
}

/** Per-manager values of each bucket (0 where he had none), managers by their period total, largest first. */
function weeklyByManager(rows: { bucket: string; manager_id: number; v: number }[], buckets: string[], nameOf: Map<number, string>) {
  const index = new Map(buckets.map((b, i) => [b, i]));
  const byManager = new Map<number, number[]>();
  for (const r of rows) {
    const i = index.get(r.bucket);
    if (i === undefined) continue;
    const values = byManager.get(r.manager_id) ?? new Array<number>(buckets.length).fill(0);
    values[i] = (values[i] ?? 0) + Number(r.v ?? 0);
    byManager.set(r.manager_id, values);
  }
  const total = (v: number[]) => v.reduce((a, b) => a + b, 0);
  return [...byManager.entries()]
    .map(([userId, values]) => ({ userId, name: nameOf.get(userId) ?? ru('reports.api.noManager'), values }))
    .sort((a, b) => total(b.values) - total(a.values));
}
