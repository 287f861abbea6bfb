import { IdParams, LeadCard } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getLeadCard } from '../leads/get-card';

export default defineRoute({
  method: 'get',
  path: '/api/leads/:id',
  tag: 'funnel',
  summary: 'Интерес: этап и почему он там, история с причинами, время на этапах, оплачено/выставлено / Lead card',
  reads: { what: 'lead', companyId: ({ result }) => (result as { companyId?: number } | null)?.companyId },
  access: ['session', 'extension'],
  params: IdParams,
  response: LeadCard,
  handler: ({ ctx, input }) => getLeadCard({ ctx, input: input.params }),
});
