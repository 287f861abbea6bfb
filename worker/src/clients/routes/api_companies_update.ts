import { CompanySaved, CompanyUpdate, IdParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { updateCompany } from '../companies/update';

export default defineRoute({
  method: 'patch',
  path: '/api/companies/:id',
  tag: 'clients',
  summary: 'Изменить контрагента / Update a company',
  access: ['session', 'extension'],
  params: IdParams,
  body: CompanyUpdate,
  response: CompanySaved,
  handler: ({ ctx, input }) => updateCompany({ ctx, input: { id: input.params.id, changes: input.body } }),
});
