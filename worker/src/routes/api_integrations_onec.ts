import { OnecIntegrationState } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { getOnecState } from '../services/integrations/get-onec-state';

export default defineRoute({
  method: 'get', path: '/api/integrations/onec', tag: 'integrations',
  summary: 'Состояние обмена с 1С: загрузка, очередь выгрузки, ошибки (РОП, администратор) / 1C sync state',
  access: ['session'], response: OnecIntegrationState,
  handler: ({ ctx }) => getOnecState({ ctx }),
});
