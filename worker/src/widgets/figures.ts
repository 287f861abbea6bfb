import type { WidgetName } from '../../../widgets/src/catalog';
import type { ServiceContext } from '../platform/route';
import { monthWidget, regionWidget } from './month-figures';
import { getTodayFigures } from './today';

/** Each widget's figures and the API path its bundle polls: the iframe page carries the first ones. */
export const WIDGET_FIGURES: Record<WidgetName, { path: string; read: (args: { ctx: ServiceContext }) => Promise<unknown> }> = {
  today: { path: '/api/widgets/today', read: getTodayFigures },
  month: { path: '/api/widgets/month', read: monthWidget },
  region: { path: '/api/widgets/region', read: regionWidget },
};
