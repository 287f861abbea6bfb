import { OnecIntegrationState } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getOnecState } from '../get-state';

export default defineRoute({
  method: 'get',
  path: '/api/integrations/onec',
  tag: 'integrations',
  summary: 'Состояние обмена с 1С: загрузка, очередь выгрузки, ошибки (РОП, администратор) / 1C sync state',
  access: ['session'],
  response: OnecIntegrationState,
  handler: ({ ctx }) => getOnecState({ ctx }),
});
