import { sql, type SQL } from 'drizzle-orm';
import type { Report } from '../../../../schema/contracts';
import type { ServiceContext } from '../../lib/route';
import { bucketOfDay, bucketsOf, type ReportScope } from './scope';

type Column = Report['tableColumns'][number];

/**
 * A report that is sums per period bucket and per manager, read from a day-keyed rollup — or, the
 * naive way (and for one client), by GROUP BY over the raw rows. Both answer the same figures.
 */
export interface SeriesSpec {
  report: Report['report'];
  titleRu: string;
  columns: (Column & { kind: 'int' | 'money' | 'duration' })[];
  rollup: { table: string; where: (s: ReportScope) => SQL; manager: string };
  raw: { from: (s: ReportScope) => SQL; day: SQL; manager: SQL; measures: SQL };
  /** Derived figures (conversions) from the sums of a row. */
  derive?: (r: Record<string, number>) => Record<string, number | null>;
  derivedColumns?: Column[];
  notes: string[];
}

export async function seriesReport(ctx: ServiceContext, s: ReportScope, spec: SeriesSpec): Promise<Report> {
  const raw = s.raw || s.companyId !== null;
  const keys = spec.columns.map((c) => c.key);
  const sums = sql.raw(keys.map((k) => `sum(${k}) AS ${k}`).join(', '));
  const bucket = bucketOfDay(s.by, raw ? spec.raw.day : sql.raw('day'));
  const rollupWhere = sql`day BETWEEN ${s.from} AND ${s.to} AND ${spec.rollup.where(s)}`;
  const [series, byManager, names] = await ctx.db.batch([
    raw
      ? ctx.db.all<Record<string, number> & { bucket: string }>(sql`SELECT ${bucket} AS bucket, ${spec.raw.measures} ${spec.raw.from(s)} GROUP BY 1`)
      : ctx.db.all<Record<string, number> & { bucket: string }>(sql`SELECT ${bucket} AS bucket, ${sums} FROM ${sql.raw(spec.rollup.table)} WHERE ${rollupWhere} GROUP BY 1`),
    raw
      ? ctx.db.all<Record<string, number> & { manager_id: number }>(sql`SELECT ${spec.raw.manager} AS manager_id, ${spec.raw.measures} ${spec.raw.from(s)} GROUP BY 1`)
      : ctx.db.all<Record<string, number> & { manager_id: number }>(sql`SELECT ${sql.raw(spec.rollup.manager)} AS manager_id, ${sums} FROM ${sql.raw(spec.rollup.table)} WHERE ${rollupWhere} GROUP BY 1`),
    ctx.db.all<{ id: number; name: string }>(sql`SELECT id, name FROM users`),
  ]);
  const nameOf = new Map(names.map((u) => [u.id, u.name]));
  const point = (r: Record<string, number> | undefined) => {
    const base = Object.fromEntries(keys.map((k) => [k, Number(r?.[k] ?? 0)]));
    return { ...base, ...(spec.derive?.(base) ?? {}) };
  };
  const byBucket = new Map(series.map((r) => [r.bucket, r]));
  const total = Object.fromEntries(keys.map((k) => [k, series.reduce((acc, r) => acc + Number(r[k] ?? 0), 0)]));
  const columns = [...spec.columns, ...(spec.derivedColumns ?? [])];
  return {
    report: spec.report, titleRu: spec.titleRu, from: s.from, to: s.to, by: s.by, source: raw ? 'raw' : 'rollup',
    seriesColumns: [{ key: 'bucket', titleRu: 'Период', kind: 'date' }, ...columns],
    series: bucketsOf(s).map((b) => ({ bucket: b, ...point(byBucket.get(b)) })),
    totals: point(total),
    tableColumns: [{ key: 'manager', titleRu: 'Менеджер', kind: 'text' }, ...columns],
    rows: byManager.map((r): Record<string, string | number | null> => ({ manager: nameOf.get(r.manager_id) ?? 'Без менеджера (пул)', userId: r.manager_id, ...point(r) }))
      .sort((a, b) => Number(b[keys[0]!]) - Number(a[keys[0]!])),
    notes: spec.notes,
  };
}
