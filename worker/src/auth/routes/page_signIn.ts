import { defineRoute } from '../../platform/route';
import { htmlPage } from '../../platform/page-layout';

const SCRIPT = `
const form=document.getElementById('sign-in'),out=document.getElementById('message');
form.addEventListener('submit',async(e)=>{e.preventDefault();out.textContent='Входим…';out.className='muted';
const body=JSON.stringify({email:form.email.value,password:form.password.value});
try{const r=await fetch('/api/auth/sign-in',{method:'POST',headers:{'content-type':'application/json'},body});
const j=await r.json();if(!r.ok){out.textContent=j.error.message+(j.error.fields?': '+j.error.fields.map(f=>f.message).join('; '):'');out.className='error';return}
const next=new URLSearchParams(location.search).get('next');location.href=next&&next.startsWith('/')&&!next.startsWith('//')?next:'/app';}
catch{out.textContent='Нет связи с сервером / No connection';out.className='error'}});`;

export default defineRoute({
  method: 'get',
  path: '/sign-in',
  tag: 'pages',
  summary: 'Sign-in page',
  page: true,
  access: ['public'],
  handler: async ({ c }) =>
    htmlPage(c, {
      title: 'Вход',
      body: `<div class="card" style="max-width:420px;margin:60px auto"><h1 style="margin-top:0">Вход в Воронку</h1>
<p class="muted">Sign in to Voronka</p>
<form id="sign-in"><label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Пароль / Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Войти</button><p id="message" role="status"></p></form></div>`,
      script: SCRIPT,
    }),
});
