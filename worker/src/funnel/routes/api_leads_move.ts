import { IdParams, LeadCard, StageMoveRequest } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { moveLeadStage } from '../leads/move-stage';

export default defineRoute({
  method: 'post',
  path: '/api/leads/:id/stage',
  tag: 'funnel',
  summary: 'Перевести интерес на этап вручную (назад и в «проиграно» — с причиной) / Move a lead by hand',
  access: ['session', 'extension'],
  params: IdParams,
  body: StageMoveRequest,
  response: LeadCard,
  handler: ({ ctx, input }) => moveLeadStage({ ctx, input: { id: input.params.id, ...input.body } }),
});
