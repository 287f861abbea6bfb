/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { DrillQuery, ReportParams } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { renderPage, uiLang } from '../../platform/page';
import { DrillView, drillTitle, queryString } from '../pages/reports';
import { drillDown } from '../drill';

export default defineRoute({
  method: 'get',
  path: '/app/reports/:report/drill',
  tag: 'pages',
  summary: 'Report drill-down page',
  page: true,
  reads: { what: 'drill-down' },
  access: ['session'],
  params: ReportParams,
  query: DrillQuery,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const lang = uiLang(c);
    const drill = await drillDown({ ctx: { ...ctx, lang }, input: { report: input.params.report, query: input.query } });
    const { measure: _m, bucket: _b, ...back } = input.query;
    return renderPage(c, {
      title: drillTitle(drill, lang),
      header: { userName: viewer.name },
      body: <DrillView drill={drill} backHref={`/app/reports/${input.params.report}${queryString(back)}`} lang={lang} />,
      bodyLang: 'same',
      scripts: ['report'],
    });
  },
});
