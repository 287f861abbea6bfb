import { CompanyDetail, ContactUpdate, IdParams } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { updateContact } from '../contacts/update';

export default defineRoute({
  method: 'patch',
  path: '/api/contacts/:id',
  tag: 'clients',
  summary: 'Исправить контактное лицо (имя, должность, телефоны, e-mail) / Correct a contact',
  access: ['session', 'extension'],
  idempotent: true,
  params: IdParams,
  body: ContactUpdate,
  response: CompanyDetail,
  handler: ({ ctx, input }) => updateContact({ ctx, input: { id: input.params.id, changes: input.body } }),
});
