import { defineRoute } from '../lib/route';
import { htmlPage } from '../pages/layout';
import { renderApiDocs } from '../pages/api-docs';
import { getOpenApi } from '../services/docs/openapi';

export default defineRoute({
  method: 'get', path: '/api/docs', tag: 'system', summary: 'API reference page', page: true,
  access: ['public'],
  handler: async ({ ctx, c }) => htmlPage(c, { title: 'API', body: renderApiDocs(await getOpenApi({ ctx })) }),
});
