import { defineRoute } from '../lib/route';
import { getOpenApi } from '../services/docs/openapi';

export default defineRoute({
  method: 'get', path: '/api/openapi.json', tag: 'system', summary: 'OpenAPI 3.1',
  access: ['public'],
  handler: async ({ ctx }) => getOpenApi({ ctx }),
});
