import { RuleList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listRules } from '../config/rules';

export default defineRoute({
  method: 'get',
  path: '/api/funnel/rules',
  tag: 'funnel',
  summary: 'Правила воронки — РОП и администратор / Funnel rules',
  access: ['session'],
  response: RuleList,
  handler: ({ ctx }) => listRules({ ctx }) as never,
});
