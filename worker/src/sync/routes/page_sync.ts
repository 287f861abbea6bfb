import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { SIGN_OUT_SCRIPT, appHeader, escapeHtml, htmlPage } from '../../platform/page-layout';
import { formatDateTime } from '../../platform/ru-format';
import { listRejected } from '../list-rejected';
import { getSyncSummary } from '../summary';

const SOURCE_RU: Record<string, string> = {
  onec: '1С:УТ',
  mango: 'Манго Офис',
  zadarma: 'Zadarma',
  generic: 'АТС (общий вебхук)',
  sandbox: 'Тестовая АТС (песочница)',
  mail: 'Почта',
  ping: 'Проверка подписи',
  lookup: 'Поиск звонящего',
};

const SCRIPT = `document.querySelectorAll('[data-replay]').forEach((b)=>b.addEventListener('click',async()=>{b.disabled=true;b.textContent='Повторяю…';
const r=await fetch('/api/inbox/'+b.dataset.replay+'/replay',{method:'POST'});const j=await r.json();
b.textContent=r.ok?(j.outcome==='rejected'?'Снова отклонено: '+(j.reason||''):'Принято'):('Ошибка: '+j.error.message);}));`;

export default defineRoute({
  method: 'get',
  path: '/app/sync',
  tag: 'pages',
  summary: 'Sync health page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const me = requireUser(ctx.principal);
    const [summary, rejected] = await Promise.all([getSyncSummary({ ctx }), listRejected({ ctx, input: { limit: 100 } })]);
    const tz = 'Europe/Moscow';
    const rows = summary.sources
      .map(
        (
          s,
        ) => `<tr><td>${escapeHtml(SOURCE_RU[s.source] ?? s.source)}</td><td>${s.lastReceivedAt ? formatDateTime(s.lastReceivedAt, tz) : '—'}</td>
      <td>${s.stored24h}</td><td>${s.duplicate24h}</td><td class="${s.rejected24h ? 'error' : ''}">${s.rejected24h}</td><td>${s.rejectedWaiting}</td></tr>`,
      )
      .join('');
    const items = rejected.items
      .map(
        (
          r,
        ) => `<tr><td>#${r.id}<br><span class="muted">${formatDateTime(r.receivedAt, tz)}</span></td><td>${escapeHtml(SOURCE_RU[r.source] ?? r.source)}<br><code>${escapeHtml(r.externalId ?? '')}</code></td>
      <td class="error">${escapeHtml(r.reason ?? '')}</td><td><details><summary>данные</summary><pre style="white-space:pre-wrap;max-width:420px">${escapeHtml(r.body)}</pre></details></td>
      <td>${r.reason?.startsWith('unauthorized') ? '<span class="muted">подпись не принята — нужно прислать заново</span>' : `<button class="secondary" data-replay="${r.id}" style="margin:0">Повторить</button>`}</td></tr>`,
      )
      .join('');
    return htmlPage(c, {
      title: 'Интеграции',
      header: appHeader(me.user.name),
      body: `<div class="card"><h1 style="margin-top:0">Состояние интеграций</h1><p class="muted">Всё, что присылают АТС, 1С и почта, хранится с результатом; отклонённое можно повторить после исправления причины.</p>
<table><thead><tr><th>Источник</th><th>Последнее получено</th><th>Принято за 24 ч</th><th>Повторы</th><th>Отклонено за 24 ч</th><th>Ждут повтора</th></tr></thead><tbody>${rows || '<tr><td colspan="6" class="muted">Пока ничего не получено</td></tr>'}</tbody></table></div>
<div class="card"><h2 style="margin-top:0">Отклонённое</h2><table><thead><tr><th>№</th><th>Источник</th><th>Причина</th><th></th><th></th></tr></thead><tbody>${items || '<tr><td colspan="5" class="muted">Отклонённого нет</td></tr>'}</tbody></table></div>`,
      script: SIGN_OUT_SCRIPT + SCRIPT,
    });
  },
});
