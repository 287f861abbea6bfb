import { SearchQuery, SearchResult } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { searchCompanies } from '../services/companies/search';

export default defineRoute({
  method: 'get', path: '/api/search', tag: 'clients',
  summary: 'Поиск: название, ИНН, телефон в любом формате, e-mail, ФИО контакта / Search',
  access: ['session', 'extension'], query: SearchQuery, response: SearchResult,
  handler: ({ ctx, input }) => searchCompanies({ ctx, input: input.query }),
});
