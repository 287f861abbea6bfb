import { PayExportBody } from '../../../../schema/contracts';
import { csvResponse } from '../../platform/csv';
import { defineRoute } from '../../platform/route';
import { exportPayroll } from '../export';

export default defineRoute({
  method: 'post',
  path: '/api/pay/export',
  tag: 'pay',
  summary: 'Выгрузка утверждённых расчётов месяца для 1С:ЗУП (CSV) / Approved statements as accruals for 1C:ZUP',
  access: ['session'],
  body: PayExportBody,
  handler: async ({ ctx, input }) => {
    const file = await exportPayroll({ ctx, input: input.body });
    return csvResponse(file.csv, file.filename);
  },
});
