import { CompanyExportQuery } from '../../../../schema/contracts';
import { csvResponse } from '../../platform/csv';
import { defineRoute } from '../../platform/route';
import { exportCompanyList } from '../companies/export-list';

/** Registered before /api/companies/:id, which would otherwise take "export.csv" for an id. */
export default defineRoute({
  method: 'get',
  path: '/api/companies/export.csv',
  tag: 'clients',
  summary: 'Выгрузка списка клиентов в CSV для Excel (фильтры как у списка) / Client list as CSV for Excel',
  access: ['session'],
  query: CompanyExportQuery,
  handler: async ({ ctx, input }) => {
    const file = await exportCompanyList({ ctx, input: input.query });
    return csvResponse(file.csv, file.filename);
  },
});
