import { IdParams, ImportView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getImport } from '../get';

export default defineRoute({
  method: 'get',
  path: '/api/imports/:id',
  tag: 'imports',
  summary: 'Состояние импорта и итоги по строкам / Import state and row counts',
  reads: { what: 'import' },
  access: ['session'],
  params: IdParams,
  response: ImportView,
  handler: ({ ctx, input }) => getImport({ ctx, input: input.params }),
});
