import type { AuditQuery } from '../../../schema/contracts';
import { CSV_BOM, csvCell, csvLine, csvResponse } from '../platform/csv';
import type { ServiceContext } from '../platform/route';
import { formatDateTime } from '../platform/ru-format';
import { listAudit } from './list';
import { auditInsert } from './record';

/** The export is bounded: an admin who needs more narrows the period. */
export const AUDIT_EXPORT_MAX = 50_000;

/** The filtered audit trail as CSV for Russian Excel (Moscow times); the export is itself audited. */
export async function exportAudit({ ctx, input }: { ctx: ServiceContext; input: AuditQuery }): Promise<Response> {
  const lines = [CSV_BOM, csvLine(['Когда (МСК)', 'Кто', 'Как вошёл', 'Действие', 'Объект', 'Номер объекта', 'Подробности', 'Запрос'])];
  let before = input.before;
  let rows = 0;
  while (rows < AUDIT_EXPORT_MAX) {
    const page = await listAudit({ ctx, input: { ...input, before, limit: 1000 } });
    for (const e of page.items) {
      lines.push(
        csvLine([
          csvCell(formatDateTime(e.at, 'Europe/Moscow')),
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
  return csvResponse(lines.join(''), 'audit.csv', 'журнал-аудита.csv');
}
