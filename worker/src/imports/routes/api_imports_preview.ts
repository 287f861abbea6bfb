import { IdParams, ImportChunk, ImportPreview } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { previewImport } from '../preview';

export default defineRoute({
  method: 'post',
  path: '/api/imports/:id/preview',
  tag: 'imports',
  summary: 'Проверить до 1000 строк без записи: новые, дубликаты, чужие, ошибки / Classify up to 1000 rows without writing',
  access: ['session'],
  params: IdParams,
  body: ImportChunk,
  response: ImportPreview,
  handler: ({ ctx, input }) => previewImport({ ctx, input: { id: input.params.id, rows: input.body.rows } }),
});
