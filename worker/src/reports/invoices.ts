import { sql } from 'drizzle-orm';
import { REPORT_CATALOGUE, type Report } from '../../../schema/contracts';
import type { ServiceContext } from '../platform/route';
import { regionOwnerFilter, type ReportScope } from './scope';
import { seriesReport } from './series';
import { ru } from './translate';

const bp = (part: number, whole: number) => (whole > 0 ? Number((BigInt(part) * 10_000n) / BigInt(whole)) : null);

/** Invoices issued, paid and shipped: count and sum, with the conversion between them. */
export function invoicesReport(ctx: ServiceContext, s: ReportScope): Promise<Report> {
  return seriesReport(ctx, s, {
    report: 'invoices',
    titleRu: REPORT_CATALOGUE.invoices.titleRu,
    columns: [
      { key: 'invoices', titleRu: ru('reports.api.invoices'), kind: 'int' },
      { key: 'invoiced_kopecks', titleRu: ru('reports.api.invoicedSum'), kind: 'money' },
      { key: 'payments', titleRu: ru('reports.api.payments'), kind: 'int' },
      { key: 'paid_kopecks', titleRu: ru('reports.api.paidSum'), kind: 'money' },
      { key: 'shipments', titleRu: ru('reports.api.shipments'), kind: 'int' },
      { key: 'shipped_kopecks', titleRu: ru('reports.api.shippedSum'), kind: 'money' },
    ],
    derive: (r) => ({
      paid_share: bp(r['paid_kopecks']!, r['invoiced_kopecks']!),
      shipped_share: bp(r['shipped_kopecks']!, r['paid_kopecks']!),
    }),
    derivedColumns: [
      { key: 'paid_share', titleRu: ru('reports.api.paidShare'), kind: 'percent' },
      { key: 'shipped_share', titleRu: ru('reports.api.shippedShare'), kind: 'percent' },
    ],
    rollup: {
      table: 'rollup_documents',
      where: (sc) => regionOwnerFilter(sc, sql.raw('region_id'), sql.raw('user_id')),
      manager: 'user_id',
    },
    raw: {
      from: (sc) => sql`FROM onec_documents d LEFT JOIN companies c ON c.id = d.company_id
        WHERE d.posted = 1 AND d.deletion_mark = 0 AND d.kind IN ('invoice', 'payment_bank', 'payment_cash', 'shipment')
        AND substr(d.date_local, 1, 10) BETWEEN ${sc.from} AND ${sc.to}
        AND ${regionOwnerFilter(sc, sql.raw('coalesce(c.region_id, 0)'), sql.raw('coalesce(d.user_id, 0)'))} ${sc.companyId !== null ? sql`AND d.company_id = ${sc.companyId}` : sql``}`,
      day: sql.raw('substr(d.date_local, 1, 10)'),
      manager: sql.raw('coalesce(d.user_id, 0)'),
      measures:
        sql.raw(`sum(d.kind = 'invoice') AS invoices, sum(CASE WHEN d.kind = 'invoice' THEN d.amount_kopecks ELSE 0 END) AS invoiced_kopecks,
        sum(d.kind IN ('payment_bank', 'payment_cash')) AS payments, sum(CASE WHEN d.kind IN ('payment_bank', 'payment_cash') THEN d.amount_kopecks ELSE 0 END) AS paid_kopecks,
        sum(d.kind = 'shipment') AS shipments, sum(CASE WHEN d.kind = 'shipment' THEN d.amount_kopecks ELSE 0 END) AS shipped_kopecks`),
    },
    notes: [ru('reports.api.note.invoices')],
  });
}
