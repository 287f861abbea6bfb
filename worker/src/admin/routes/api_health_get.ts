import { Health } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { checkHealth } from '../health';

export default defineRoute({
  method: 'get',
  path: '/api/health',
  tag: 'system',
  summary: 'Версия, миграции, доступность базы / Version, migrations, database',
  access: ['public'],
  response: Health,
  handler: ({ ctx }) => checkHealth({ ctx }),
});
