import { IdParams, ImportView } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { finishImport } from '../finish';

export default defineRoute({
  method: 'post',
  path: '/api/imports/:id/finish',
  tag: 'imports',
  summary: 'Завершить импорт, когда все строки загружены / Finish an import once every row is in',
  access: ['session'],
  params: IdParams,
  response: ImportView,
  handler: ({ ctx, input }) => finishImport({ ctx, input: input.params }),
});
