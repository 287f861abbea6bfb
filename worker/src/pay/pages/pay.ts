import type { PayStatement } from '../../../../schema/contracts';
import { formatDateTime, formatRubles } from '../../platform/ru-format';
import { escapeHtml } from '../../platform/page-layout';

/** Plans and pay pages: server-rendered, Russian, every value escaped here; actions go through the API. */

const STYLE = `<style>
h1{margin:0 0 8px;font-size:24px}h2{font-size:18px;margin:0 0 10px}
.bar{display:flex;gap:12px;align-items:end;flex-wrap:wrap}.bar label{margin:0 0 4px}.bar input,.bar select{width:auto}.bar button{margin-top:0}
.state{display:inline-block;padding:0 10px;border-radius:10px;background:#eef1f5;white-space:nowrap}
.state.approved,.state.exported{background:#e7f6ec;color:var(--ok)}.state.disputed{background:#fff1f0;color:var(--bad)}
td.money,th.money{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.lines td:nth-child(3){color:var(--muted);font-size:14px}.total td{font-weight:700;border-top:2px solid var(--ink)}
.meter{background:#eef1f5;border-radius:6px;height:8px;min-width:90px}.meter i{display:block;height:8px;border-radius:6px;background:var(--brand)}
.note{border-left:4px solid var(--line);padding:4px 12px;margin:8px 0}
textarea{width:100%;min-height:70px;padding:8px;border:1px solid var(--line);border-radius:6px;font:inherit}
.acts{display:flex;gap:10px;flex-wrap:wrap}.acts button{margin-top:10px}
#message{min-height:1.5em}button:disabled{opacity:.45;cursor:default}
@media (max-width:640px){table.list thead{display:none}table.list tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
table.list td{display:block;border:0;padding:2px 8px;text-align:left}table.list td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}}
@media print{.bar,.acts,textarea,#message{display:none}.card{border:0;padding:0}}
</style>`;

const ACTION_RU: Record<PayStatement['actions'][number], string> = {
  check: 'Проверил — согласен',
  dispute: 'Оспорить',
  recompute: 'Пересчитать',
  answer: 'Ответить на спор',
  approve: 'Утвердить',
};

export const percent = (bp: number | null) => (bp === null ? '—' : `${Math.floor(bp / 100)},${String(bp % 100).padStart(2, '0')} %`);
const meter = (bp: number | null) =>
  `<div class="meter" title="${percent(bp)}"><i style="width:${Math.min(100, Math.max(0, (bp ?? 0) / 100))}%"></i></div>`;

export function monthPicker(action: string, month: string, extra = ''): string {
  return `<form class="bar" method="get" action="${action}"><div><label for="month">Месяц</label><input type="month" id="month" name="month" value="${escapeHtml(month)}" required></div>
<button type="submit" class="secondary">Показать</button>${extra}</form>`;
}

type ListItem = Omit<PayStatement, 'figures'> & {
  totalKopecks: number | null;
  basisKopecks: number | null;
  planCompletionBp: number | null;
};

/** The head's (or the admin's) month: every manager's statement and the payroll export. */
export function renderStatementList(month: string, items: ListItem[], canExport: boolean): string {
  const rows = items
    .map(
      (s) => `<tr>
<td data-label="Менеджер"><a href="/app/pay/${s.userId}/${escapeHtml(month)}">${escapeHtml(s.userName)}</a></td>
<td data-label="Состояние"><span class="state ${s.state}">${escapeHtml(s.stateRu)}</span></td>
<td data-label="Факт" class="money">${s.basisKopecks === null ? '—' : formatRubles(s.basisKopecks)}</td>
<td data-label="План">${percent(s.planCompletionBp)}${meter(s.planCompletionBp)}</td>
<td data-label="К начислению" class="money">${s.totalKopecks === null ? escapeHtml(s.problem ?? '—') : formatRubles(s.totalKopecks)}</td></tr>`,
    )
    .join('');
  const total = items.reduce((sum, s) => sum + (s.totalKopecks ?? 0), 0);
  const approved = items.filter((s) => s.state === 'approved' || s.state === 'exported').length;
  return `${STYLE}<div class="card"><h1>Зарплата за ${escapeHtml(month)}</h1>
${monthPicker('/app/pay', month, canExport ? `<button type="button" id="export" data-month="${escapeHtml(month)}"${approved ? '' : ' disabled'}>Выгрузить для 1С:ЗУП (${approved})</button>` : '')}
<p id="message" role="status"></p>
<table class="list"><thead><tr><th>Менеджер</th><th>Состояние</th><th class="money">Факт</th><th>Выполнение плана</th><th class="money">К начислению</th></tr></thead>
<tbody>${rows || '<tr><td colspan="5" class="muted">Нет менеджеров в ваших регионах</td></tr>'}</tbody>
<tfoot><tr class="total"><td colspan="4">Итого</td><td class="money">${formatRubles(total)}</td></tr></tfoot></table>
<p class="muted">Черновики считаются по данным на сейчас; утверждённые расчёты заморожены. Выгружаются утверждённые.</p></div>`;
}

/** One statement: every line with its explanation, the comments, and the steps the viewer may take. */
export function renderStatement(s: PayStatement, timeZone: string): string {
  const f = s.figures;
  const lines = f
    ? f.lines
        .map(
          (l) =>
            `<tr><td>${escapeHtml(l.titleRu)}</td><td class="money">${formatRubles(l.amountKopecks)}</td><td>${escapeHtml(l.explanation)}</td></tr>`,
        )
        .join('')
    : '';
  const notes = [
    s.disputeComment ? `<div class="note"><b>Замечание менеджера:</b> ${escapeHtml(s.disputeComment)}</div>` : '',
    s.resolutionComment ? `<div class="note"><b>Ответ руководителя:</b> ${escapeHtml(s.resolutionComment)}</div>` : '',
    s.approvedAt
      ? `<p class="muted">Утверждён ${formatDateTime(s.approvedAt, timeZone)}${s.approvedByName ? `, ${escapeHtml(s.approvedByName)}` : ''}${s.exportedAt ? `; выгружен ${formatDateTime(s.exportedAt, timeZone)}` : ''}</p>`
      : '',
  ].join('');
  const actions = s.actions.length
    ? `<div class="acts-box"><label for="comment">Комментарий (для спора, ответа и утверждения спорного расчёта — обязателен)</label>
<textarea id="comment" maxlength="2000"></textarea><div class="acts">${s.actions.map((a) => `<button type="button" data-action="${a}"${a === 'dispute' || a === 'recompute' ? ' class="secondary"' : ''}>${ACTION_RU[a]}</button>`).join('')}</div></div>`
    : '';
  return `${STYLE}<div class="card" id="statement" data-user="${s.userId}" data-month="${escapeHtml(s.month)}">
<p><a href="/app/pay?month=${escapeHtml(s.month)}">← Все расчёты месяца</a></p>
<h1>${escapeHtml(s.userName)} — зарплата за ${escapeHtml(s.month)}</h1>
<p><span class="state ${s.state}" data-testid="state">${escapeHtml(s.stateRu)}</span>${s.frozen ? ' · цифры заморожены при утверждении' : ' · цифры пересчитываются по данным на сейчас'}</p>
${
  f
    ? `<p>Факт (${f.basis === 'shipments' ? 'отгрузки' : 'оплаты'}): <b>${formatRubles(f.basisKopecks)}</b> · план: <b>${f.planKopecks === null ? 'не задан' : formatRubles(f.planKopecks)}</b> · выполнение: <b>${percent(f.planCompletionBp)}</b> · правило с ${escapeHtml(f.ruleValidFrom)}</p>
<table class="lines"><thead><tr><th>Начисление</th><th class="money">Сумма</th><th>Как получено</th></tr></thead><tbody>${lines}</tbody>
<tfoot><tr class="total"><td>Итого</td><td class="money" data-testid="total">${formatRubles(f.totalKopecks)}</td><td></td></tr></tfoot></table>`
    : `<p class="error">${escapeHtml(s.problem ?? 'Расчёт не составлен')}</p>`
}
${notes}${actions}<p id="message" role="status"></p></div>`;
}

/** Inline script of the pay pages: workflow buttons and the payroll download, through the API. */
export const PAY_SCRIPT = `
const msg=document.getElementById('message');
const show=(t,bad)=>{if(msg){msg.textContent=t;msg.className=bad?'error':'ok'}};
const errorText=async(r)=>{try{const b=await r.json();return b.error?.message||('Ошибка '+r.status)}catch{return 'Ошибка '+r.status}};
const box=document.getElementById('statement');
document.querySelectorAll('[data-action]').forEach((b)=>b.addEventListener('click',async()=>{
  const comment=document.getElementById('comment')?.value.trim();
  b.disabled=true;show('Сохраняю…');
  const r=await fetch('/api/pay/statements/'+box.dataset.user+'/'+box.dataset.month+'/actions',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(comment?{action:b.dataset.action,comment}:{action:b.dataset.action})});
  if(r.ok){location.reload()}else{b.disabled=false;show(await errorText(r),true)}
}));
document.getElementById('export')?.addEventListener('click',async(e)=>{
  const b=e.currentTarget;b.disabled=true;show('Готовлю файл…');
  const r=await fetch('/api/pay/export',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({month:b.dataset.month})});
  if(!r.ok){b.disabled=false;show(await errorText(r),true);return}
  const a=document.createElement('a');a.href=URL.createObjectURL(await r.blob());a.download='zup-nachisleniya-'+b.dataset.month+'.csv';document.body.append(a);a.click();a.remove();
  show('Файл выгружен; расчёты отмечены как выгруженные');setTimeout(()=>location.reload(),800);
});
`;

type PlanItem = {
  userId: number;
  userName: string;
  metric: 'shipments' | 'payments';
  planKopecks: number | null;
  factKopecks: number;
  completionBp: number | null;
};

const rublesInput = (kopecks: number | null) =>
  kopecks === null ? '' : `${Math.floor(kopecks / 100)}${kopecks % 100 ? `,${String(kopecks % 100).padStart(2, '0')}` : ''}`;

/** Plans of a month: the head edits them in place or loads a file. */
export function renderPlans(month: string, items: PlanItem[], canEdit: boolean): string {
  const rows = items
    .map(
      (p) => `<tr data-user="${p.userId}">
<td data-label="Менеджер">${escapeHtml(p.userName)}</td>
<td data-label="План, ₽">${canEdit ? `<input class="amount" inputmode="decimal" value="${rublesInput(p.planKopecks)}" aria-label="План ${escapeHtml(p.userName)}, ₽" style="max-width:160px">` : p.planKopecks === null ? 'не задан' : formatRubles(p.planKopecks)}</td>
<td data-label="Показатель">${canEdit ? `<select class="metric" style="width:auto"><option value="shipments"${p.metric === 'shipments' ? ' selected' : ''}>отгрузки</option><option value="payments"${p.metric === 'payments' ? ' selected' : ''}>оплаты</option></select>` : p.metric === 'shipments' ? 'отгрузки' : 'оплаты'}</td>
<td data-label="Факт" class="money">${formatRubles(p.factKopecks)}</td>
<td data-label="Выполнение">${percent(p.completionBp)}${meter(p.completionBp)}</td>
${canEdit ? '<td><button type="button" class="save secondary" style="margin:0">Сохранить</button></td>' : ''}</tr>`,
    )
    .join('');
  return `${STYLE}<div class="card" id="plans" data-month="${escapeHtml(month)}"><h1>Планы продаж на ${escapeHtml(month)}</h1>
${monthPicker('/app/plans', month)}<p id="message" role="status"></p>
<table class="list"><thead><tr><th>Менеджер</th><th>План, ₽</th><th>Показатель</th><th class="money">Факт</th><th>Выполнение</th>${canEdit ? '<th></th>' : ''}</tr></thead>
<tbody>${rows || '<tr><td colspan="6" class="muted">Нет менеджеров в ваших регионах</td></tr>'}</tbody></table></div>
${
  canEdit
    ? `<div class="card"><h2>Загрузить планы из файла CSV</h2>
<p class="muted">Столбцы: e-mail менеджера; месяц (ГГГГ-ММ или ММ.ГГГГ); план в рублях; показатель (отгрузки/оплаты, необязательно). Разделитель «;», «,» или табуляция; первая строка может быть заголовком. Сохраняется в кодировке UTF-8.</p>
<input type="file" id="plan-file" accept=".csv,text/csv"><p id="import-message" role="status"></p><div id="import-result"></div></div>`
    : ''
}`;
}

/** Inline script of the plans page: save a row, or read a CSV in the browser and send its rows. */
export const PLANS_SCRIPT = `
const box=document.getElementById('plans');const msg=document.getElementById('message');
const show=(el,t,bad)=>{el.textContent=t;el.className=bad?'error':'ok'};
const errorText=async(r)=>{try{const b=await r.json();return (b.error?.fields||[]).map(f=>f.message).join('; ')||b.error?.message||('Ошибка '+r.status)}catch{return 'Ошибка '+r.status}};
const toKopecks=(t)=>{const m=/^(\\d+)(?:[.,](\\d{1,2}))?$/.exec(t.replace(/[\\s\\u00a0₽]/g,''));return m?Number(m[1])*100+Number((m[2]||'0').padEnd(2,'0')):null};
document.querySelectorAll('tr[data-user] .save').forEach((b)=>b.addEventListener('click',async()=>{
  const tr=b.closest('tr');const kopecks=toKopecks(tr.querySelector('.amount').value);
  if(kopecks===null){show(msg,'Введите план числом рублей, например 1 500 000,00',true);return}
  b.disabled=true;
  const r=await fetch('/api/plans/'+tr.dataset.user+'/'+box.dataset.month,{method:'PUT',headers:{'content-type':'application/json'},body:JSON.stringify({amountKopecks:kopecks,metric:tr.querySelector('.metric').value})});
  b.disabled=false;if(r.ok){location.reload()}else{show(msg,await errorText(r),true)}
}));
const file=document.getElementById('plan-file');
file?.addEventListener('change',async()=>{
  const out=document.getElementById('import-message');const list=document.getElementById('import-result');
  const text=(await file.files[0].text()).replace(/^\\uFEFF/,'');
  const lines=text.split(/\\r?\\n/).filter((l)=>l.trim());
  const sep=[';','\\t',','].find((s)=>lines[0]?.includes(s))||';';
  let rows=lines.map((l)=>l.split(sep).map((c)=>c.trim().replace(/^"(.*)"$/,'$1')));
  if(rows[0]&&!rows[0][0].includes('@'))rows=rows.slice(1);
  if(!rows.length){show(out,'В файле нет строк с планами',true);return}
  show(out,'Загружаю '+rows.length+' строк…');
  const r=await fetch('/api/plans/import',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({rows:rows.map(([email,month,amount,metric])=>({email:email||'',month:month||'',amount:amount||'',...(metric?{metric}:{})}))})});
  if(!r.ok){show(out,await errorText(r),true);return}
  const res=await r.json();show(out,'Сохранено: '+res.saved+' из '+res.rows.length,res.saved<res.rows.length);
  list.replaceChildren(...res.rows.filter((x)=>!x.ok).map((x)=>{const p=document.createElement('p');p.className='error';p.textContent='Строка '+x.line+': '+x.error;return p}));
  if(res.saved)setTimeout(()=>location.reload(),1500);
});
`;

/** The rule in force, in words; the admin also gets it as JSON to edit (validated by the API). */
export function renderRule(rule: { validFrom: string; rule: Record<string, unknown> } | undefined, isAdmin: boolean): string {
  if (!rule) return `<div class="card"><h2>Правило оплаты</h2><p class="error">Правило не задано.</p></div>`;
  const r = rule.rule as {
    baseKopecks: number;
    commissionBp: number;
    basis: string;
    tiers: { kind: string; fromCompletionBp: number; amountKopecks?: number; basisBp?: number }[];
    kpis: { target: number; amountKopecks: number; mode: string }[];
  };
  const tiers = r.tiers
    .map(
      (t) =>
        `<li>от ${percent(t.fromCompletionBp)} плана — ${t.kind === 'fixed' ? formatRubles(t.amountKopecks ?? 0) : `${percent(t.basisBp ?? 0)} от факта`}</li>`,
    )
    .join('');
  const kpis = r.kpis
    .map(
      (k) =>
        `<li>целевых звонков в среднем ${k.target} за рабочий день — ${formatRubles(k.amountKopecks)} (${k.mode === 'all_or_nothing' ? 'всё или ничего' : 'пропорционально'})</li>`,
    )
    .join('');
  return `<div class="card"><h2>Правило оплаты с ${escapeHtml(rule.validFrom)}</h2>
<ul><li>Оклад: ${formatRubles(r.baseKopecks)}</li><li>Комиссия: ${percent(r.commissionBp)} от ${r.basis === 'payments' ? 'оплат' : 'отгрузок'}</li>${tiers}${kpis}</ul>
${
  isAdmin
    ? `<details><summary>Изменить правило (администратор)</summary><p class="muted">Новая версия действует с месяца validFrom; утверждённые расчёты не меняются.</p>
<textarea id="rule" rows="12" spellcheck="false">${escapeHtml(JSON.stringify(rule.rule, null, 2))}</textarea><button type="button" id="save-rule">Сохранить правило</button><p id="rule-message" role="status"></p></details>`
    : ''
}</div>`;
}

export const RULE_SCRIPT = `
document.getElementById('save-rule')?.addEventListener('click',async()=>{
  const out=document.getElementById('rule-message');let rule;
  try{rule=JSON.parse(document.getElementById('rule').value)}catch{out.textContent='Это не JSON';out.className='error';return}
  const r=await fetch('/api/pay/rules',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({rule})});
  if(r.ok){location.reload();return}
  const b=await r.json().catch(()=>({}));out.className='error';out.textContent=(b.error?.fields||[]).map((f)=>f.field.replace('body.rule.','')+': '+f.message).join('; ')||b.error?.message||('Ошибка '+r.status);
});
`;
