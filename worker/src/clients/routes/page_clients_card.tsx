/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { z } from 'zod';
import { requireUser } from '../../access';
import { AppError } from '../../platform/errors';
import { defineRoute } from '../../platform/route';
import { ClientCardPage, ClientNotFound, wantsHtml } from '../pages/clients';
import { CARD_SCRIPT_KEYS, FORMS_SCRIPT_KEYS } from '../pages/card-forms';
import { renderPage, uiLang } from '../../platform/page';
import { messagesFor, msg } from '../../platform/i18n';

import { getCompanyCard } from '../companies/card';
import { listRegionManagers } from '../../admin';
import { getUserTimeZone } from '../../admin';
import { listStages } from '../../funnel';

export default defineRoute({
  method: 'get',
  path: '/app/clients/:id',
  tag: 'pages',
  summary: 'Client card page',
  page: true,
  access: ['session'],
  // Any text: a malformed id gets the same 404 page as a missing one, not a validation error.
  params: z.object({ id: z.string() }),
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const lang = uiLang(c);
    const notFoundPage = () =>
      renderPage(c, {
        title: msg('card.notFound', lang),
        header: { userName: viewer.name },
        body: <ClientNotFound lang={lang} />,
        bodyLang: 'same',
        status: 404,
      });
    const id = /^[1-9]\d{0,14}$/.test(input.params.id) ? Number(input.params.id) : null;
    try {
      if (id === null) throw new AppError('not_found');
      // Stage names and deviation texts in the page's language (the user's setting), not the browser's.
      const card = await getCompanyCard({ ctx: { ...ctx, lang }, input: { id } });
      const [managers, timeZone, stages] = await Promise.all([
        listRegionManagers({ ctx, input: { regionId: card.regionId } }),
        getUserTimeZone({ ctx }),
        listStages({ ctx }),
      ]);
      const open = stages.items.filter((s) => s.outcome === 'open').map((s) => ({ id: s.id, name: lang === 'en' ? s.nameEn : s.nameRu }));
      return renderPage(c, {
        title: card.name,
        header: { userName: viewer.name },
        body: (
          <ClientCardPage
            card={card}
            viewer={viewer}
            managers={managers.items}
            timeZone={timeZone}
            now={ctx.now}
            stages={open}
            lang={lang}
          />
        ),
        bodyLang: 'same',
        scripts: ['client-card'],
        data: { 'card-text': messagesFor(CARD_SCRIPT_KEYS, lang), 'forms-text': messagesFor(FORMS_SCRIPT_KEYS, lang) },
      });
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found' && wantsHtml(c.req.header('accept'))) return notFoundPage();
      throw err;
    }
  },
});
