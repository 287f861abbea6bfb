import { WidgetMonth } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { monthWidget } from '../month-figures';

export default defineRoute({
  method: 'get',
  path: '/api/widgets/month',
  tag: 'widgets',
  summary: 'Цифры виджета «Мой месяц»: план, заработано, звонки, воронка, задачи / "My month" widget figures',
  reads: { what: 'widget' },
  access: ['widget', 'session'],
  response: WidgetMonth,
  handler: async ({ ctx, c }) => {
    c.header('Cache-Control', 'no-store');
    return monthWidget({ ctx });
  },
});
