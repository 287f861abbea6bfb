import { Health } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { checkHealth } from '../services/health/check';

export default defineRoute({
  method: 'get', path: '/api/health', tag: 'system', summary: 'Версия, миграции, доступность базы / Version, migrations, database',
  access: ['public'], response: Health,
  handler: ({ ctx }) => checkHealth({ ctx }),
});
