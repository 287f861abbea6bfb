/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { z } from 'zod';
import { requireUser } from '../../access';
import { listRegions } from '../../clients';
import { renderPage, uiLang } from '../../platform/page';
import { messagesFor, msg } from '../../platform/i18n';
import { TODAY_SCRIPT_KEYS } from '../pages/rows';
import { defineRoute } from '../../platform/route';
import { TodayPage } from '../pages/today';
import { buildToday } from '../today/build';

export default defineRoute({
  method: 'get',
  path: '/app/today',
  tag: 'pages',
  summary: '«Мой день»',
  page: true,
  access: ['session'],
  // «Регион» of the admin's and a head's picker; a malformed one is all regions, not an error page.
  query: z.object({ region: z.coerce.number().int().positive().optional().catch(undefined) }),
  handler: async ({ ctx, input, c }) => {
    const p = requireUser(ctx.principal);
    const lang = uiLang(c);
    const region = input.query.region;
    const [today, regions] = await Promise.all([
      buildToday({ ctx: { ...ctx, lang }, input: { regionId: region } }),
      p.user.role === 'manager' ? Promise.resolve({ items: [] }) : listRegions({ ctx }),
    ]);
    // The admin picks any region, a head one of his (when he has several).
    const choices = regions.items.filter((r) => p.user.role === 'admin' || p.user.regionIds.includes(r.id));
    return renderPage(c, {
      title: msg('today.title', lang),
      header: { userName: p.user.name },
      body: (
        <TodayPage
          today={today}
          timeZone={today.timeZone}
          role={p.user.role}
          regions={choices.length > 1 ? choices.map((r) => ({ id: r.id, name: r.name })) : []}
          region={region ?? null}
          lang={lang}
        />
      ),
      bodyLang: 'same',
      scripts: ['today'],
      data: { 'today-text': messagesFor(TODAY_SCRIPT_KEYS, lang) },
    });
  },
});
