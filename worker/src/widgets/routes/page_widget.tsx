/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { z } from 'zod';
import { WIDGET_NAMES, isWidgetName } from '../../../../widgets/src/catalog';
import { WIDGET_FIGURES } from '../figures';
import { defineRoute } from '../../platform/route';
import { renderPage } from '../../platform/page';
import { WidgetFrame } from '../pages/frame';
import { AppError } from '../../platform/errors';

export const WIDGETS = WIDGET_NAMES;

/**
 * The iframe shell of a widget. With a live token it carries the first figures (read by the same
 * service the API uses), so the first paint needs no request of its own; then the bundle polls the
 * API with ?t=. An expired or revoked token gets the bare shell and shows its own state in the frame.
 */
export default defineRoute({
  method: 'get',
  path: '/w/:name',
  tag: 'pages',
  summary: 'Widget page for the 1C HTML field',
  page: true,
  access: ['widget', 'public'],
  params: z.object({ name: z.string() }),
  handler: async ({ ctx, input, c }) => {
    const name = input.params.name;
    if (!isWidgetName(name)) throw new AppError('not_found', { ru: `Нет виджета «${name}»`, en: `No widget "${name}"` });
    const figures = WIDGET_FIGURES[name];
    // A head's widget under a manager's token (403) or any failure: the bundle asks and shows why.
    const initial = ctx.principal.kind === 'user' ? await figures.read({ ctx }).catch(() => null) : null;
    c.header('Cache-Control', 'no-store');
    return renderPage(c, {
      title: 'Виджет',
      frameAncestors: ctx.config.frameAncestors,
      body: <WidgetFrame name={name} initial={initial} path={figures.path} />,
      scripts: [`/w/${name}.js`],
    });
  },
});
