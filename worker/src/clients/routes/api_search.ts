import { SearchQuery, SearchResult } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { searchCompanies } from '../companies/search';

export default defineRoute({
  method: 'get',
  path: '/api/search',
  tag: 'clients',
  summary: 'Поиск: название, ИНН, телефон в любом формате, e-mail, ФИО контакта / Search',
  reads: { what: 'clients' },
  access: ['session', 'extension'],
  query: SearchQuery,
  response: SearchResult,
  handler: ({ ctx, input }) => searchCompanies({ ctx, input: input.query }),
});
