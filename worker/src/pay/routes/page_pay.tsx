/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import { MonthQuery } from '../../../../schema/contracts';
import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { messagesFor, msg } from '../../platform/i18n';
import { renderPage, uiLang } from '../../platform/page';
import { PAY_RULE_SCRIPT_KEYS, PAY_SCRIPT_KEYS, RuleView, StatementList, StatementView } from '../pages/pay';
import { currentMonth } from '../people';
import { listSalaryRules } from '../rules';
import { getStatement, listStatements } from '../statements';
import { getUserTimeZone } from '../../admin';

/** Pay of a month: a manager sees his own statement; a head his regions' list and the export. */
export default defineRoute({
  method: 'get',
  path: '/app/pay',
  tag: 'pages',
  summary: 'Salary page',
  page: true,
  access: ['session'],
  query: MonthQuery,
  handler: async ({ ctx, input, c }) => {
    const viewer = requireUser(ctx.principal).user;
    const lang = uiLang(c);
    const month = input.query.month ?? currentMonth(ctx.now);
    const rules = await listSalaryRules({ ctx });
    const rule = rules.items.find((r) => r.validFrom <= month);
    const main =
      viewer.role === 'manager' ? (
        <StatementView
          s={await getStatement({ ctx, input: { userId: viewer.id, month } })}
          timeZone={await getUserTimeZone({ ctx })}
          lang={lang}
          picker
        />
      ) : (
        <StatementList month={month} items={(await listStatements({ ctx, input: { month } })).items} canExport lang={lang} />
      );
    return renderPage(c, {
      title: msg('pay.title', lang),
      header: { userName: viewer.name },
      body: (
        <>
          {main}
          <RuleView rule={rule} isAdmin={viewer.role === 'admin'} month={month} lang={lang} />
        </>
      ),
      bodyLang: 'same',
      scripts: ['pay', 'pay-rule'],
      data: { 'pay-text': messagesFor(PAY_SCRIPT_KEYS, lang), 'pay-rule-text': messagesFor(PAY_RULE_SCRIPT_KEYS, lang) },
    });
  },
});
