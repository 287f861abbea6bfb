import { WidgetToday } from '../../../../schema/contracts';
import { defineRoute } from '../../platform/route';
import { getTodayFigures } from '../today';

export default defineRoute({
  method: 'get',
  path: '/api/widgets/today',
  tag: 'widgets',
  summary: 'Цифры виджета «Мой день» / "My day" widget figures',
  access: ['widget', 'session'],
  response: WidgetToday,
  handler: async ({ ctx, c }) => {
    c.header('Cache-Control', 'no-store');
    return getTodayFigures({ ctx });
  },
});
