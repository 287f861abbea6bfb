/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { sql } from 'drizzle-orm';
import { AuditQuery } from '../../../../schema/contracts';
import { requireRole } from '../../access';
import { msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { defineRoute } from '../../platform/route';
import { listAudit } from '../list';
import { AuditView } from '../pages/audit';

export default defineRoute({
  method: 'get',
  path: '/app/audit',
  tag: 'pages',
  summary: 'Audit trail page (admin)',
  page: true,
  access: ['session'],
  query: AuditQuery,
  handler: async ({ ctx, c, input }) => {
    const me = requireRole(ctx.principal, 'admin');
    const [listing, users] = await Promise.all([
      listAudit({ ctx, input: { ...input.query, limit: 200 } }),
      ctx.db.all<{ id: number; name: string }>(sql`SELECT id, name FROM users ORDER BY name`),
    ]);
    const lang = uiLang(c);
    return renderPage(c, {
      title: msg('audit.title', lang),
      header: { userName: me.user.name },
      body: <AuditView listing={listing} filters={input.query} users={users} lang={lang} timeZone={me.user.timeZone} />,
      bodyLang: 'same',
    });
  },
});
