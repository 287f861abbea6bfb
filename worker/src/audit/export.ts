import type { AuditQuery } from '../../../schema/contracts';
import { CSV_BOM, csvCell, csvLine, csvResponse } from '../platform/csv';
import type { ServiceContext } from '../platform/route';
import { requireUser } from '../access';
import { msg, msgf, zoneLabel } from '../platform/i18n';
import { formatDateTime, knownTimeZone } from '../platform/ru-format';
import { listAudit } from './list';
import { auditInsert } from './record';

/** The export is bounded: an admin who needs more narrows the period. */
export const AUDIT_EXPORT_MAX = 50_000;

/**
 * The filtered audit trail as CSV for Excel, as the page shows it: times in the admin's zone, the
 * header in his language (the action, object and sign-in columns keep the trail's own codes, which
 * an auditor filters by). The export is itself audited.
 */
export async function exportAudit({ ctx, input }: { ctx: ServiceContext; input: AuditQuery }): Promise<Response> {
  const me = requireUser(ctx.principal);
  const lang = ctx.lang; // the admin's setting: the route is a download (platform/route.ts)
  const timeZone = knownTimeZone(me.user.timeZone);
  const header = [
    msgf('audit.col.when', lang, { zone: zoneLabel(timeZone, lang) }),
    ...(
      [
        'audit.col.who',
        'audit.col.via',
        'audit.action',
        'audit.col.entity',
        'audit.col.entityId',
        'audit.col.details',
        'audit.col.request',
      ] as const
    ).map((k) => msg(k, lang)),
  ];
  const lines = [CSV_BOM, csvLine(header.map(csvCell))];
  let before = input.before;
  let rows = 0;
  while (rows < AUDIT_EXPORT_MAX) {
    const page = await listAudit({ ctx, input: { ...input, before, limit: 1000 } });
    for (const e of page.items) {
      lines.push(
        csvLine([
          csvCell(formatDateTime(e.at, timeZone)),
          csvCell(e.userName ?? '—'),
          csvCell(e.principal),
          csvCell(e.action),
          csvCell(e.entity),
          csvCell(e.entityId),
          csvCell(e.details ? JSON.stringify(e.details) : ''),
          csvCell(e.requestId),
        ]),
      );
    }
    rows += page.items.length;
    if (page.nextBefore === null) break;
    before = page.nextBefore;
  }
  const filters = Object.keys(input)
    .filter((k) => k !== 'limit' && input[k as keyof AuditQuery] !== undefined)
    .sort();
  await auditInsert(ctx, { action: 'export', entity: 'audit', details: { rows, filters } });
  return csvResponse(lines.join(''), 'audit.csv', `${msg('audit.fileName', lang)}.csv`);
}
