import { AuditQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { exportAudit } from '../export';

export default defineRoute({
  method: 'get',
  path: '/api/audit/export.csv',
  tag: 'audit',
  summary: 'Журнал аудита в CSV / Audit trail as CSV (admin)',
  access: ['session'],
  download: true,
  query: AuditQuery,
  handler: ({ ctx, input }) => exportAudit({ ctx, input: input.query }),
});
