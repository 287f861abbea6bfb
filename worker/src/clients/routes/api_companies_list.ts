import { CompanyList, CompanyListQuery } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listCompanies } from '../companies/list';

export default defineRoute({
  method: 'get',
  path: '/api/companies',
  tag: 'clients',
  summary: 'Мои контрагенты / Companies in my scope',
  reads: { what: 'clients' },
  access: ['session', 'extension'],
  query: CompanyListQuery,
  response: CompanyList,
  handler: ({ ctx, input }) => listCompanies({ ctx, input: input.query }),
});
