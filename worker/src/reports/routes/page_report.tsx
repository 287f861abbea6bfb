/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { z } from 'zod';
import { ReportParams } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { ReportError, ReportView, reportTitle } from '../pages/reports';
import { listRegions } from '../../clients';
import { reportPage } from '../page';
import { listUsers } from '../../admin';

export default defineRoute({
  method: 'get',
  path: '/app/reports/:report',
  tag: 'pages',
  summary: 'Report page',
  page: true,
  access: ['session'],
  params: ReportParams,
  // The filters are checked by the page itself, so a wrong one reads as a message above the form, not a JSON 400.
  query: z.record(z.string(), z.string()),
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const lang = uiLang(c);
    const [page, users, regions] = await Promise.all([
      reportPage({ ctx, input: { report: input.params.report, query: input.query, lang } }),
      listUsers({ ctx }),
      listRegions({ ctx }),
    ]);
    const choices = {
      isManager: viewer.role === 'manager',
      lang,
      managers: users.items.filter((u) => u.role === 'manager'),
      regions: viewer.role === 'admin' ? regions.items : regions.items.filter((r) => viewer.regionIds.includes(r.id)),
    };
    const body =
      page.kind === 'report' ? (
        <ReportView report={page.report} q={page.query} choices={choices} presets={page.presets} />
      ) : (
        <ReportError f={page.form} q={input.query} choices={choices} presets={page.presets} message={page.message} />
      );
    return renderPage(c, {
      title: page.kind === 'report' ? reportTitle(input.params.report, lang) : msg('reports.page', lang),
      header: { userName: viewer.name },
      body,
      bodyLang: 'same',
      scripts: ['report'],
      // A wrong filter is answered with the form and its message (PageSpec has no 400); another region is a 403.
      ...(page.kind === 'error' && page.status === 403 ? { status: 403 as const } : {}),
    });
  },
});
