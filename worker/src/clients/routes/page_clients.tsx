/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { CompanyListQuery } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { ClientListPage } from '../pages/clients';
import { renderPage, uiLang } from '../../platform/page';
import { msg } from '../../platform/i18n';
import { listCompanies } from '../companies/list';
import { listRegions } from '../regions/list';
import { getUserTimeZone } from '../../admin';
import { listUsers } from '../../admin';

export default defineRoute({
  method: 'get',
  path: '/app/clients',
  tag: 'pages',
  summary: 'Client list page',
  page: true,
  reads: { what: 'clients' },
  access: ['session'],
  query: CompanyListQuery,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const lang = uiLang(c);
    const { limit: _limit, after, ...filters } = input.query;
    const [list, regions, users, timeZone] = await Promise.all([
      listCompanies({ ctx, input: input.query }),
      listRegions({ ctx }),
      listUsers({ ctx }),
      getUserTimeZone({ ctx }),
    ]);
    const view = {
      filters,
      after,
      items: list.items,
      nextAfter: list.nextAfter,
      timeZone,
      lang,
      regions: regions.items,
      regionChoices: viewer.role === 'admin' ? regions.items : regions.items.filter((r) => viewer.regionIds.includes(r.id)),
      owners: users.items.filter((u) => u.role === 'manager'),
    };
    return renderPage(c, {
      title: msg('clients.title', lang),
      header: { userName: viewer.name },
      body: <ClientListPage {...view} />,
      bodyLang: 'same',
    });
  },
});
