import { IdParams, ImportChunk, ImportCommitted } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { commitImport } from '../commit';

export default defineRoute({
  method: 'post',
  path: '/api/imports/:id/commit',
  tag: 'imports',
  summary: 'Загрузить до 1000 строк (повтор той же порции ничего не меняет) / Write up to 1000 rows, idempotently',
  access: ['session'],
  params: IdParams,
  body: ImportChunk,
  response: ImportCommitted,
  handler: ({ ctx, input }) => commitImport({ ctx, input: { id: input.params.id, rows: input.body.rows } }),
});
