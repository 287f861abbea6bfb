import { CompanyDetail, IdParams } from '../../../schema/contracts';
import { requireRole } from '../access/policy';
import { defineRoute } from '../lib/route';
import { assignOwner } from '../services/companies/assign-owner';

export default defineRoute({
  method: 'post', path: '/api/companies/:id/claim', tag: 'clients',
  summary: 'Забрать клиента из пула своего региона / Claim a client from the region pool',
  access: ['session', 'extension'], params: IdParams, response: CompanyDetail,
  handler: ({ ctx, input }) => assignOwner({ ctx, input: { companyId: input.params.id, ownerId: requireRole(ctx.principal, 'manager').user.id, claim: true } }),
});
