import { CompanyCreate, CompanySaved } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { createCompany } from '../companies/create';

export default defineRoute({
  method: 'post',
  path: '/api/companies',
  tag: 'clients',
  summary: 'Создать контрагента с контактами (дубли по ИНН/КПП, телефону, e-mail отклоняются) / Create a company',
  access: ['session', 'extension'],
  idempotent: true,
  body: CompanyCreate,
  response: CompanySaved,
  status: 201,
  handler: ({ ctx, input }) => createCompany({ ctx, input: input.body }),
});
