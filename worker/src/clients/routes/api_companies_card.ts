import { CompanyCard, IdParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getCompanyCard } from '../companies/card';

export default defineRoute({
  method: 'get',
  path: '/api/companies/:id/card',
  tag: 'clients',
  summary: 'Карточка клиента целиком: контакты, интересы, документы 1С, отклонения, лента / The full client card',
  access: ['session', 'extension'],
  params: IdParams,
  response: CompanyCard,
  handler: ({ ctx, input }) => getCompanyCard({ ctx, input: input.params }),
});
