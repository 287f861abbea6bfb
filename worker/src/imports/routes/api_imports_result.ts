import { IdParams } from '../../../../schema/contracts';
import { csvResponse } from '../../platform/csv';
import { defineRoute } from '../../platform/route';
import { exportImportResult } from '../export-result';

export default defineRoute({
  method: 'get',
  path: '/api/imports/:id/result.csv',
  tag: 'imports',
  summary: 'Файл результата для Excel: строка, итог, причина, клиент / Result file for Excel',
  access: ['session'],
  download: true,
  params: IdParams,
  handler: async ({ ctx, input }) => {
    const { fileName, body } = await exportImportResult({ ctx, input: input.params });
    return csvResponse(body, `import-${input.params.id}.csv`, fileName);
  },
});
