import { z } from 'zod';
import { defineRoute } from '../lib/route';
import { htmlPage } from '../pages/layout';
import { AppError } from '../lib/errors';

export const WIDGETS = ['today'] as const;

/**
 * The iframe shell of a widget. It carries no data: the bundle reads ?t= and asks the API,
 * so an expired or revoked token shows its own state inside the frame.
 */
export default defineRoute({
  method: 'get', path: '/w/:name', tag: 'pages', summary: 'Widget page for the 1C HTML field', page: true,
  access: ['public'], params: z.object({ name: z.string() }),
  handler: async ({ ctx, input, c }) => {
    const name = input.params.name;
    if (!(WIDGETS as readonly string[]).includes(name)) throw new AppError('not_found', { ru: `Нет виджета «${name}»`, en: `No widget "${name}"` });
    return htmlPage(c, {
      title: 'Виджет',
      frameAncestors: ctx.config.frameAncestors,
      body: `<voronka-${name} data-api=""></voronka-${name}><script src="/w/${name}.js" defer></script>`,
    });
  },
});
