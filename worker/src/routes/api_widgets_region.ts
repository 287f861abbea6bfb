import { WidgetRegion } from '../../../schema/contracts';
import { defineRoute } from '../lib/route';
import { regionWidget } from '../services/pay/widgets';

export default defineRoute({
  method: 'get', path: '/api/widgets/region', tag: 'widgets',
  summary: 'Цифры виджета руководителя: план региона и рейтинг менеджеров / Head\'s region widget figures',
  access: ['widget', 'session'], response: WidgetRegion,
  handler: async ({ ctx, c }) => {
    c.header('Cache-Control', 'no-store');
    return regionWidget({ ctx });
  },
});
