import { WidgetRegion } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { regionWidget } from '../month-figures';

export default defineRoute({
  method: 'get',
  path: '/api/widgets/region',
  tag: 'widgets',
  summary: "Цифры виджета руководителя: план региона и рейтинг менеджеров / Head's region widget figures",
  access: ['widget', 'session'],
  response: WidgetRegion,
  handler: async ({ ctx, c }) => {
    c.header('Cache-Control', 'no-store');
    return regionWidget({ ctx });
  },
});
