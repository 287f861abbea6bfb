import { requireUser } from '../../access';
import { defineRoute } from '../../platform/route';
import { SIGN_OUT_SCRIPT, appHeader, escapeHtml, htmlPage } from '../../platform/page-layout';

/** The widgets a user is offered after creating an embed token; the region one is for heads and admins. */
const WIDGET_CHOICES = [
  { name: 'today', title: 'Мой день', forRoles: ['manager', 'head', 'admin'] },
  { name: 'month', title: 'Мой месяц: план, заработок, воронка', forRoles: ['manager', 'head', 'admin'] },
  { name: 'region', title: 'Регион: план и рейтинг менеджеров', forRoles: ['head', 'admin'] },
] as const;

/**
 * Runs in the page. An embed token's secret is shown once: right after creation the page lists, per
 * widget, the iframe address for the 1C HTML field and the <script> snippet for other portals,
 * each with a copy button.
 */
const SCRIPT = `
const list=document.getElementById('tokens'),out=document.getElementById('created'),form=document.getElementById('new-token');
const widgets=JSON.parse(document.getElementById('widget-choices').textContent);
const fmt=(ms)=>ms?new Date(ms).toLocaleString('ru-RU'):'—';
const esc=(s)=>String(s).replace(/[&<>"']/g,(c)=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);
async function load(){const r=await fetch('/api/tokens');const j=await r.json();
list.innerHTML=j.items.length?j.items.map(t=>'<tr data-token-id="'+t.id+'"><td>'+(t.kind==='api'?'API (расширение)':'Виджет')+'</td><td>'+esc(t.name)+'</td><td><code>'+esc(t.prefix)+'…</code></td><td>'+fmt(t.createdAt)+'</td><td>'+fmt(t.lastUsedAt)+'</td><td>'+(t.revokedAt?'отозван '+fmt(t.revokedAt):'<button class="secondary" data-revoke="'+t.id+'" style="margin:0">Отозвать</button>')+'</td></tr>').join(''):'<tr><td colspan="6" class="muted">Токенов пока нет</td></tr>';}
async function copy(text,button){try{await navigator.clipboard.writeText(text)}catch{const area=document.createElement('textarea');area.value=text;document.body.append(area);area.select();document.execCommand('copy');area.remove()}
button.textContent='Скопировано';setTimeout(()=>{button.textContent='Копировать'},2000);}
const copyable=(id,text)=>'<div class="copy"><code id="'+id+'">'+esc(text)+'</code><button type="button" class="secondary" data-copy="'+id+'">Копировать</button></div>';
function embedBlock(secret){const origin=location.origin;return widgets.map(w=>{const url=origin+'/w/'+w.name+'?t='+encodeURIComponent(secret);
const snippet='<script src="'+origin+'/w/embed.js" data-widget="'+w.name+'" data-token="'+secret+'"></'+'script>';
return '<section class="widget-choice" data-widget="'+w.name+'"><h3>'+esc(w.title)+'</h3><p class="muted">Адрес для поля HTML-документа 1С (iframe):</p>'+copyable('url-'+w.name,url)+'<p class="muted">Код для других порталов (вставьте туда, где должен быть виджет):</p>'+copyable('snippet-'+w.name,snippet)+'</section>'}).join('');}
document.addEventListener('click',(e)=>{const id=e.target.dataset&&e.target.dataset.copy;if(id)copy(document.getElementById(id).textContent,e.target);});
list.addEventListener('click',async(e)=>{const id=e.target.dataset&&e.target.dataset.revoke;if(!id||!confirm('Отозвать токен? Виджеты с ним перестанут обновляться.'))return;await fetch('/api/tokens/'+id,{method:'DELETE'});load();});
form.addEventListener('submit',async(e)=>{e.preventDefault();const r=await fetch('/api/tokens',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({kind:form.kind.value,name:form.name.value})});
const j=await r.json();if(!r.ok){out.innerHTML='<p class="error">'+esc(j.error.message)+'</p>';return}
out.innerHTML='<p class="ok">Скопируйте сейчас — секрет больше не будет показан:</p>'+copyable('secret',j.secret)+(j.token.kind==='embed'?embedBlock(j.secret):'');form.reset();load();});
load();`;

const STYLE = `<style>.copy{display:flex;gap:8px;align-items:flex-start}.copy code{flex:1;padding:6px 8px}.copy button{margin:0;white-space:nowrap}
.widget-choice{border-top:1px solid var(--line);margin-top:14px;padding-top:4px}.widget-choice h3{margin:8px 0 0;font-size:16px}</style>`;

export default defineRoute({
  method: 'get',
  path: '/app/tokens',
  tag: 'pages',
  summary: 'Tokens page',
  page: true,
  access: ['session'],
  handler: async ({ ctx, c }) => {
    const { user } = requireUser(ctx.principal);
    const widgets = WIDGET_CHOICES.filter((w) => (w.forRoles as readonly string[]).includes(user.role)).map(({ name, title }) => ({
      name,
      title,
    }));
    const origins = ctx.config.frameAncestors;
    const framing = origins.length
      ? `<p class="muted">1С может показывать виджеты с адресов: ${origins.map((o) => `<code>${escapeHtml(o)}</code>`).join(' ')} (настройка FRAME_ANCESTORS).</p>`
      : '<p class="error">Не задан FRAME_ANCESTORS: веб-клиент 1С не сможет показать виджет во фрейме — попросите администратора добавить адрес 1С.</p>';
    return htmlPage(c, {
      title: 'Токены',
      header: appHeader(user.name),
      body: `${STYLE}<div class="card"><h1 style="margin-top:0">Токены</h1>
<p class="muted">API-токен подключает расширение Chrome; токен виджета (только чтение, можно отозвать) — виджеты на начальной странице 1С и на других порталах. Инструкция: docs/widgets-1c.md.</p>
${framing}
<form id="new-token"><label for="kind">Вид</label><select id="kind" name="kind"><option value="embed">Виджет 1С (только чтение)</option><option value="api">API (расширение)</option></select>
<label for="name">Название</label><input id="name" name="name" required maxlength="100" placeholder="Например: 1С, рабочий компьютер">
<button type="submit">Выпустить</button></form><div id="created"></div></div>
<div class="card"><table><thead><tr><th>Вид</th><th>Название</th><th>Начало</th><th>Выпущен</th><th>Использован</th><th></th></tr></thead><tbody id="tokens"></tbody></table></div>
<script type="application/json" id="widget-choices">${JSON.stringify(widgets).replace(/</g, '\\u003c')}</script>`,
      script: SIGN_OUT_SCRIPT + SCRIPT,
    });
  },
});
