import { ImportCreate, ImportCreated } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { createImport } from '../create';

export default defineRoute({
  method: 'post',
  path: '/api/imports',
  tag: 'imports',
  summary: 'Начать импорт таблицы клиентов (XLSX/CSV разбирается в браузере) / Start a spreadsheet import',
  access: ['session'],
  body: ImportCreate,
  response: ImportCreated,
  status: 201,
  handler: ({ ctx, input }) => createImport({ ctx, input: input.body }),
});
