import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { appHeader, escapeHtml, htmlPage } from '../../platform/page-layout';
import { describeMe } from '../../auth';

const ROLE_RU = { manager: 'менеджер', head: 'руководитель отдела продаж', admin: 'администратор' } as const;

export default defineRoute({
  method: 'get',
  path: '/app',
  tag: 'pages',
  summary: 'Home page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const me = describeMe(requireUser(ctx.principal));
    return htmlPage(c, {
      title: 'Главная',
      header: appHeader(me.name),
      body: `<div class="card"><h1 style="margin-top:0">Здравствуйте, ${escapeHtml(me.name)}</h1>
<p>Роль: <b>${ROLE_RU[me.role]}</b> · ${escapeHtml(me.email)}</p>
<p class="muted">Отчёты для руководителей появятся здесь по мере готовности. Reports for heads of sales will appear here.</p>
<ul><li><a href="/app/tokens">Токены расширения и виджетов</a> — подключить расширение Chrome и виджеты 1С</li>
<li><a href="/api/docs">Справочник API</a></li>${me.role === 'admin' ? '<li><a href="/app/sync">Состояние интеграций</a> — АТС, 1С, почта: принятое, отклонённое, повтор</li>' : ''}</ul></div>`,
    });
  },
});
