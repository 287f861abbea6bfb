/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { z } from 'zod';
import { requireRole } from '../../access';
import { messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { listRejected } from '../list-rejected';
import { SYNC_SCRIPT_TEXT, SyncView } from '../pages/sync';
import { getSyncSummary } from '../summary';

export default defineRoute({
  method: 'get',
  path: '/app/sync',
  tag: 'pages',
  summary: 'Sync health page',
  page: true,
  reads: { what: 'sync' },
  access: ['session'],
  query: z.object({ before: z.coerce.number().int().positive().optional() }),
  handler: async ({ ctx, c, input }) => {
    const me = requireRole(ctx.principal, 'admin');
    const before = input.query.before;
    const lang = uiLang(c);
    const [summary, rejected] = await Promise.all([
      getSyncSummary({ ctx, input: { requestUrl: c.req.url, lang } }),
      listRejected({ ctx, input: { limit: 100, before } }),
    ]);
    return renderPage(c, {
      title: msg('sync.title', lang),
      header: { userName: me.user.name },
      body: <SyncView summary={summary} rejected={rejected} before={before ?? null} speech={{ lang, timeZone: me.user.timeZone }} />,
      bodyLang: 'same',
      scripts: ['sync'],
      data: { 'sync-text': messagesFor(SYNC_SCRIPT_TEXT, lang) },
    });
  },
});
