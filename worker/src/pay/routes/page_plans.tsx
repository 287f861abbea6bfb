/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { MonthQuery } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { PLANS_SCRIPT_KEYS, PlansView } from '../pages/pay';
import { listPlans } from '../plans';

export default defineRoute({
  method: 'get',
  path: '/app/plans',
  tag: 'pages',
  summary: 'Sales plans page',
  page: true,
  access: ['session'],
  query: MonthQuery,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const lang = uiLang(c);
    const plans = await listPlans({ ctx, input: input.query });
    return renderPage(c, {
      title: msg('pay.plans.title', lang),
      header: { userName: viewer.name },
      body: <PlansView month={plans.month} items={plans.items} canEdit={viewer.role !== 'manager'} lang={lang} />,
      bodyLang: 'same',
      data: { 'plans-text': messagesFor(PLANS_SCRIPT_KEYS, lang) },
      scripts: ['plans'],
    });
  },
});
