import { CompanyDetail, IdParams } from '../../../../schema/contracts';
import { requireRole } from '../../access';
import { defineRoute } from '../../platform/route';
import { assignOwner } from '../companies/assign-owner';

export default defineRoute({
  method: 'post',
  path: '/api/companies/:id/claim',
  tag: 'clients',
  summary: 'Забрать клиента из пула своего региона / Claim a client from the region pool',
  access: ['session', 'extension'],
  params: IdParams,
  response: CompanyDetail,
  handler: ({ ctx, input }) =>
    assignOwner({ ctx, input: { companyId: input.params.id, ownerId: requireRole(ctx.principal, 'manager').user.id, claim: true } }),
});
