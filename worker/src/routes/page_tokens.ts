import { requireUser } from '../access/policy';
import { defineRoute } from '../lib/route';
import { SIGN_OUT_SCRIPT, appHeader, htmlPage } from '../pages/layout';

const SCRIPT = `
const list=document.getElementById('tokens'),out=document.getElementById('created'),form=document.getElementById('new-token');
const fmt=(ms)=>ms?new Date(ms).toLocaleString('ru-RU'):'—';
const esc=(s)=>String(s).replace(/[&<>"']/g,(c)=>({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;',"'":'&#39;'})[c]);
async function load(){const r=await fetch('/api/tokens');const j=await r.json();
list.innerHTML=j.items.length?j.items.map(t=>'<tr><td>'+(t.kind==='api'?'API (расширение)':'Виджет')+'</td><td>'+esc(t.name)+'</td><td><code>'+esc(t.prefix)+'…</code></td><td>'+fmt(t.createdAt)+'</td><td>'+fmt(t.lastUsedAt)+'</td><td>'+(t.revokedAt?'отозван '+fmt(t.revokedAt):'<button class="secondary" data-revoke="'+t.id+'" style="margin:0">Отозвать</button>')+'</td></tr>').join(''):'<tr><td colspan="6" class="muted">Токенов пока нет</td></tr>';}
list.addEventListener('click',async(e)=>{const id=e.target.dataset&&e.target.dataset.revoke;if(!id)return;await fetch('/api/tokens/'+id,{method:'DELETE'});load();});
form.addEventListener('submit',async(e)=>{e.preventDefault();const r=await fetch('/api/tokens',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({kind:form.kind.value,name:form.name.value})});
const j=await r.json();if(!r.ok){out.innerHTML='<p class="error">'+esc(j.error.message)+'</p>';return}
const url=j.token.kind==='embed'?location.origin+'/w/today?t='+encodeURIComponent(j.secret):null;
out.innerHTML='<p class="ok">Скопируйте сейчас — секрет больше не будет показан:</p><p><code id="secret">'+esc(j.secret)+'</code></p>'+(url?'<p>Адрес для поля HTML-документа 1С:<br><code id="embed-url">'+esc(url)+'</code></p>':'');form.reset();load();});
load();`;

export default defineRoute({
  method: 'get', path: '/app/tokens', tag: 'pages', summary: 'Tokens page', page: true, access: ['session'],
  handler: async ({ ctx, c }) => htmlPage(c, {
    title: 'Токены',
    header: appHeader(requireUser(ctx.principal).user.name),
    body: `<div class="card"><h1 style="margin-top:0">Токены</h1>
<p class="muted">API-токен подключает расширение Chrome; токен виджета (только чтение) — виджеты на начальной странице 1С.</p>
<form id="new-token"><label for="kind">Вид</label><select id="kind" name="kind"><option value="embed">Виджет 1С (только чтение)</option><option value="api">API (расширение)</option></select>
<label for="name">Название</label><input id="name" name="name" required maxlength="100" placeholder="Например: 1С, рабочий компьютер">
<button type="submit">Выпустить</button></form><div id="created"></div></div>
<div class="card"><table><thead><tr><th>Вид</th><th>Название</th><th>Начало</th><th>Выпущен</th><th>Использован</th><th></th></tr></thead><tbody id="tokens"></tbody></table></div>`,
    script: SIGN_OUT_SCRIPT + SCRIPT,
  }),
});
