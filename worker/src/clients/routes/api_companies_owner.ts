import { CompanyDetail, IdParams, OwnerChange } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { assignOwner } from '../companies/assign-owner';

export default defineRoute({
  method: 'put',
  path: '/api/companies/:id/owner',
  tag: 'clients',
  summary: 'Назначить ответственного или вернуть в пул (null) / Assign the owner or release to the pool',
  access: ['session'],
  params: IdParams,
  body: OwnerChange,
  response: CompanyDetail,
  handler: ({ ctx, input }) => assignOwner({ ctx, input: { companyId: input.params.id, ownerId: input.body.ownerId } }),
});
