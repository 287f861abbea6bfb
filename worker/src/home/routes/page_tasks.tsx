/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { z } from 'zod';
import { requireUser } from '../../access';
import { getUserTimeZone } from '../../admin';
import { renderPage, uiLang } from '../../platform/page';
import { messagesFor, msg } from '../../platform/i18n';
import { TODAY_SCRIPT_KEYS } from '../pages/rows';
import { defineRoute } from '../../platform/route';
import { TasksPage } from '../pages/tasks';
import { listTaskTab, TASK_TABS } from '../today/tasks';

export default defineRoute({
  method: 'get',
  path: '/app/tasks',
  tag: 'pages',
  summary: 'Задачи: мои, очередь региона, просроченные, выполненные',
  page: true,
  access: ['session'],
  // An unknown tab is the first one, not an error page.
  query: z.object({ tab: z.enum(TASK_TABS).catch('mine').default('mine') }),
  handler: async ({ ctx, input, c }) => {
    const p = requireUser(ctx.principal);
    const lang = uiLang(c);
    const tab = input.query.tab;
    const [items, timeZone] = await Promise.all([listTaskTab({ ctx: { ...ctx, lang }, input: { tab } }), getUserTimeZone({ ctx })]);
    return renderPage(c, {
      title: msg('tasks.title', lang),
      header: { userName: p.user.name },
      body: <TasksPage tab={tab} items={items} timeZone={timeZone} role={p.user.role} lang={lang} />,
      bodyLang: 'same',
      scripts: ['today'],
      data: { 'today-text': messagesFor(TODAY_SCRIPT_KEYS, lang) },
    });
  },
});
