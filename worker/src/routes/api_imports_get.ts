import { IdParams, ImportView } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { getImport } from '../services/imports/get';

export default defineRoute({
  method: 'get', path: '/api/imports/:id', tag: 'imports', summary: 'Состояние импорта и итоги по строкам / Import state and row counts',
  access: ['session'], params: IdParams, response: ImportView,
  handler: ({ ctx, input }) => getImport({ ctx, input: input.params }),
});
