import { CompanyDetail, ContactInput, IdParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { addContact } from '../contacts/add';

export default defineRoute({
  method: 'post',
  path: '/api/companies/:id/contacts',
  tag: 'clients',
  summary: 'Добавить контактное лицо / Add a contact',
  access: ['session', 'extension'],
  params: IdParams,
  body: ContactInput,
  response: CompanyDetail,
  status: 201,
  handler: ({ ctx, input }) => addContact({ ctx, input: { companyId: input.params.id, contact: input.body } }),
});
