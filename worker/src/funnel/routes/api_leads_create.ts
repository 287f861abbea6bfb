import { LeadCard, LeadCreate } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { createLead } from '../leads/create';

export default defineRoute({
  method: 'post',
  path: '/api/leads',
  tag: 'funnel',
  summary: 'Открыть интерес вручную / Open a lead by hand',
  access: ['session', 'extension'],
  idempotent: true,
  body: LeadCreate,
  response: LeadCard,
  status: 201,
  handler: ({ ctx, input }) => createLead({ ctx, input: input.body }),
});
