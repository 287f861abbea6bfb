import { CompanyDetail, IdParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getCompany } from '../companies/get';

export default defineRoute({
  method: 'get',
  path: '/api/companies/:id',
  tag: 'clients',
  summary: 'Карточка контрагента / Company card',
  access: ['session', 'extension'],
  params: IdParams,
  response: CompanyDetail,
  handler: ({ ctx, input }) => getCompany({ ctx, input: input.params }),
});
