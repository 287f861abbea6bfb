import { AuditList, AuditQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listAudit } from '../list';

export default defineRoute({
  method: 'get',
  path: '/api/audit',
  tag: 'audit',
  summary: 'Журнал аудита: чтения персональных данных, выгрузки, изменения / Audit trail (admin)',
  access: ['session'],
  query: AuditQuery,
  response: AuditList,
  handler: ({ ctx, input }) => listAudit({ ctx, input: input.query }),
});
