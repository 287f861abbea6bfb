import { StageList } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { listStages } from '../config/stages';

export default defineRoute({
  method: 'get',
  path: '/api/funnel/stages',
  tag: 'funnel',
  summary: 'Этапы воронки / Funnel stages',
  access: ['session', 'extension', 'widget'],
  response: StageList,
  handler: ({ ctx }) => listStages({ ctx }),
});
