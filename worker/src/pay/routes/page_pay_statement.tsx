/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { StatementParams } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { fill, messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { PAY_SCRIPT_KEYS, StatementView } from '../pages/pay';
import { getStatement } from '../statements';
import { getUserTimeZone } from '../../admin';

export default defineRoute({
  method: 'get',
  path: '/app/pay/:userId/:month',
  tag: 'pages',
  summary: 'Salary statement page',
  page: true,
  access: ['session'],
  params: StatementParams,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const lang = uiLang(c);
    const [statement, timeZone] = await Promise.all([getStatement({ ctx, input: input.params }), getUserTimeZone({ ctx })]);
    return renderPage(c, {
      title: fill(msg('pay.titleOf', lang), { name: statement.userName }),
      header: { userName: viewer.name },
      body: <StatementView s={statement} timeZone={timeZone} lang={lang} />,
      bodyLang: 'same',
      scripts: ['pay'],
      data: { 'pay-text': messagesFor(PAY_SCRIPT_KEYS, lang) },
    });
  },
});
