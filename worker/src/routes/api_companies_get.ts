import { CompanyDetail, IdParams } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { getCompany } from '../services/companies/get';

export default defineRoute({
  method: 'get', path: '/api/companies/:id', tag: 'clients', summary: 'Карточка контрагента / Company card',
  access: ['session', 'extension'], params: IdParams, response: CompanyDetail,
  handler: ({ ctx, input }) => getCompany({ ctx, input: input.params }),
});
