/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { PayStatement } from '../../../../schema/contracts';
import { formatDateTime, formatRubles } from '../../platform/ru-format';

/** Plans and pay pages: server-rendered, Russian; actions go through the API (pages/src/pay.ts, plans.ts, pay-rule.ts). */

const STYLE = `
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
`;
const Style = () => <style>{raw(STYLE)}</style>;

const ACTION_RU: Record<PayStatement['actions'][number], string> = {
  check: 'Проверил — согласен',
  dispute: 'Оспорить',
  recompute: 'Пересчитать',
  answer: 'Ответить на спор',
  approve: 'Утвердить',
};

export const percent = (bp: number | null) => (bp === null ? '—' : `${Math.floor(bp / 100)},${String(bp % 100).padStart(2, '0')} %`);

function Meter({ bp }: { bp: number | null }): Child {
  return (
    <div class="meter" title={percent(bp)}>
      <i style={`width:${Math.min(100, Math.max(0, (bp ?? 0) / 100))}%`} />
    </div>
  );
}

function MonthPicker({ action, month, children }: { action: string; month: string; children?: Child }): Child {
  return (
    <form class="bar" method="get" action={action}>
      <div>
        <label for="month">Месяц</label>
        <input type="month" id="month" name="month" value={month} required />
      </div>
      <button type="submit" class="secondary">
        Показать
      </button>
      {children}
    </form>
  );
}

type ListItem = Omit<PayStatement, 'figures'> & {
  totalKopecks: number | null;
  basisKopecks: number | null;
  planCompletionBp: number | null;
};

/** The head's (or the admin's) month: every manager's statement and the payroll export. */
export function StatementList({ month, items, canExport }: { month: string; items: ListItem[]; canExport: boolean }): Child {
  const total = items.reduce((sum, s) => sum + (s.totalKopecks ?? 0), 0);
  const approved = items.filter((s) => s.state === 'approved' || s.state === 'exported').length;
  return (
    <>
      <Style />
      <div class="card">
        <h1>Зарплата за {month}</h1>
        <MonthPicker action="/app/pay" month={month}>
          {canExport ? (
            <button type="button" id="export" data-month={month} disabled={!approved}>
              Выгрузить для 1С:ЗУП ({approved})
            </button>
          ) : null}
        </MonthPicker>
        <p id="message" role="status" />
        <table class="list">
          <thead>
            <tr>
              <th>Менеджер</th>
              <th>Состояние</th>
              <th class="money">Факт</th>
              <th>Выполнение плана</th>
              <th class="money">К начислению</th>
            </tr>
          </thead>
          <tbody>
            {items.length ? (
              items.map((s) => (
                <tr>
                  <td data-label="Менеджер">
                    <a href={`/app/pay/${s.userId}/${month}`}>{s.userName}</a>
                  </td>
                  <td data-label="Состояние">
                    <span class={`state ${s.state}`}>{s.stateRu}</span>
                  </td>
                  <td data-label="Факт" class="money">
                    {s.basisKopecks === null ? '—' : formatRubles(s.basisKopecks)}
                  </td>
                  <td data-label="План">
                    {percent(s.planCompletionBp)}
                    <Meter bp={s.planCompletionBp} />
                  </td>
                  <td data-label="К начислению" class="money">
                    {s.totalKopecks === null ? (s.problem ?? '—') : formatRubles(s.totalKopecks)}
                  </td>
                </tr>
              ))
            ) : (
              <tr>
                <td colspan={5} class="muted">
                  Нет менеджеров в ваших регионах
                </td>
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr class="total">
              <td colspan={4}>Итого</td>
              <td class="money">{formatRubles(total)}</td>
            </tr>
          </tfoot>
        </table>
        <p class="muted">Черновики считаются по данным на сейчас; утверждённые расчёты заморожены. Выгружаются утверждённые.</p>
      </div>
    </>
  );
}

/** One statement: every line with its explanation, the comments, and the steps the viewer may take. */
export function StatementView({ s, timeZone }: { s: PayStatement; timeZone: string }): Child {
  const f = s.figures;
  return (
    <>
      <Style />
      <div class="card" id="statement" data-user={String(s.userId)} data-month={s.month}>
        <p>
          <a href={`/app/pay?month=${s.month}`}>← Все расчёты месяца</a>
        </p>
        <h1>
          {s.userName} — зарплата за {s.month}
        </h1>
        <p>
          <span class={`state ${s.state}`} data-testid="state">
            {s.stateRu}
          </span>
          {s.frozen ? ' · цифры заморожены при утверждении' : ' · цифры пересчитываются по данным на сейчас'}
        </p>
        {f ? (
          <>
            <p>
              Факт ({f.basis === 'shipments' ? 'отгрузки' : 'оплаты'}): <b>{formatRubles(f.basisKopecks)}</b> · план:{' '}
              <b>{f.planKopecks === null ? 'не задан' : formatRubles(f.planKopecks)}</b> · выполнение: <b>{percent(f.planCompletionBp)}</b>{' '}
              · правило с {f.ruleValidFrom}
            </p>
            <table class="lines">
              <thead>
                <tr>
                  <th>Начисление</th>
                  <th class="money">Сумма</th>
                  <th>Как получено</th>
                </tr>
              </thead>
              <tbody>
                {f.lines.map((l) => (
                  <tr>
                    <td>{l.titleRu}</td>
                    <td class="money">{formatRubles(l.amountKopecks)}</td>
                    <td>{l.explanation}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr class="total">
                  <td>Итого</td>
                  <td class="money" data-testid="total">
                    {formatRubles(f.totalKopecks)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </>
        ) : (
          <p class="error">{s.problem ?? 'Расчёт не составлен'}</p>
        )}
        {s.disputeComment ? (
          <div class="note">
            <b>Замечание менеджера:</b> {s.disputeComment}
          </div>
        ) : null}
        {s.resolutionComment ? (
          <div class="note">
            <b>Ответ руководителя:</b> {s.resolutionComment}
          </div>
        ) : null}
        {s.approvedAt ? (
          <p class="muted">
            Утверждён {formatDateTime(s.approvedAt, timeZone)}
            {s.approvedByName ? `, ${s.approvedByName}` : ''}
            {s.exportedAt ? `; выгружен ${formatDateTime(s.exportedAt, timeZone)}` : ''}
          </p>
        ) : null}
        {s.actions.length ? (
          <div class="acts-box">
            <label for="comment">Комментарий (для спора, ответа и утверждения спорного расчёта — обязателен)</label>
            <textarea id="comment" maxlength={2000} />
            <div class="acts">
              {s.actions.map((a) => (
                <button type="button" data-action={a} class={a === 'dispute' || a === 'recompute' ? 'secondary' : undefined}>
                  {ACTION_RU[a]}
                </button>
              ))}
            </div>
          </div>
        ) : null}
        <p id="message" role="status" />
      </div>
    </>
  );
}

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
export function PlansView({ month, items, canEdit }: { month: string; items: PlanItem[]; canEdit: boolean }): Child {
  return (
    <>
      <Style />
      <div class="card" id="plans" data-month={month}>
        <h1>Планы продаж на {month}</h1>
        <MonthPicker action="/app/plans" month={month} />
        <p id="message" role="status" />
        <table class="list">
          <thead>
            <tr>
              <th>Менеджер</th>
              <th>План, ₽</th>
              <th>Показатель</th>
              <th class="money">Факт</th>
              <th>Выполнение</th>
              {canEdit ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {items.length ? (
              items.map((p) => (
                <tr data-user={String(p.userId)}>
                  <td data-label="Менеджер">{p.userName}</td>
                  <td data-label="План, ₽">
                    {canEdit ? (
                      <input
                        class="amount"
                        inputmode="decimal"
                        value={rublesInput(p.planKopecks)}
                        aria-label={`План ${p.userName}, ₽`}
                        style="max-width:160px"
                      />
                    ) : p.planKopecks === null ? (
                      'не задан'
                    ) : (
                      formatRubles(p.planKopecks)
                    )}
                  </td>
                  <td data-label="Показатель">
                    {canEdit ? (
                      <select class="metric" style="width:auto">
                        <option value="shipments" selected={p.metric === 'shipments'}>
                          отгрузки
                        </option>
                        <option value="payments" selected={p.metric === 'payments'}>
                          оплаты
                        </option>
                      </select>
                    ) : p.metric === 'shipments' ? (
                      'отгрузки'
                    ) : (
                      'оплаты'
                    )}
                  </td>
                  <td data-label="Факт" class="money">
                    {formatRubles(p.factKopecks)}
                  </td>
                  <td data-label="Выполнение">
                    {percent(p.completionBp)}
                    <Meter bp={p.completionBp} />
                  </td>
                  {canEdit ? (
                    <td>
                      <button type="button" class="save secondary" style="margin:0">
                        Сохранить
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))
            ) : (
              <tr>
                <td colspan={6} class="muted">
                  Нет менеджеров в ваших регионах
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <div class="card">
          <h2>Загрузить планы из файла CSV</h2>
          <p class="muted">
            Столбцы: e-mail менеджера; месяц (ГГГГ-ММ или ММ.ГГГГ); план в рублях; показатель (отгрузки/оплаты, необязательно). Разделитель
            «;», «,» или табуляция; первая строка может быть заголовком. Сохраняется в кодировке UTF-8.
          </p>
          <input type="file" id="plan-file" accept=".csv,text/csv" />
          <p id="import-message" role="status" />
          <div id="import-result" />
        </div>
      ) : null}
    </>
  );
}

/** The rule in force, in words; the admin also gets it as JSON to edit (validated by the API; pages/src/pay-rule.ts). */
export function RuleView({
  rule,
  isAdmin,
}: {
  rule: { validFrom: string; rule: Record<string, unknown> } | undefined;
  isAdmin: boolean;
}): Child {
  if (!rule)
    return (
      <div class="card">
        <h2>Правило оплаты</h2>
        <p class="error">Правило не задано.</p>
      </div>
    );
  const r = rule.rule as {
    baseKopecks: number;
    commissionBp: number;
    basis: string;
    tiers: { kind: string; fromCompletionBp: number; amountKopecks?: number; basisBp?: number }[];
    kpis: { target: number; amountKopecks: number; mode: string }[];
  };
  return (
    <div class="card">
      <h2>Правило оплаты с {rule.validFrom}</h2>
      <ul>
        <li>Оклад: {formatRubles(r.baseKopecks)}</li>
        <li>
          Комиссия: {percent(r.commissionBp)} от {r.basis === 'payments' ? 'оплат' : 'отгрузок'}
        </li>
        {r.tiers.map((t) => (
          <li>
            от {percent(t.fromCompletionBp)} плана —{' '}
            {t.kind === 'fixed' ? formatRubles(t.amountKopecks ?? 0) : `${percent(t.basisBp ?? 0)} от факта`}
          </li>
        ))}
        {r.kpis.map((k) => (
          <li>
            целевых звонков в среднем {k.target} за рабочий день — {formatRubles(k.amountKopecks)} (
            {k.mode === 'all_or_nothing' ? 'всё или ничего' : 'пропорционально'})
          </li>
        ))}
      </ul>
      {isAdmin ? (
        <details>
          <summary>Изменить правило (администратор)</summary>
          <p class="muted">Новая версия действует с месяца validFrom; утверждённые расчёты не меняются.</p>
          <textarea id="rule" rows={12} spellcheck={false}>
            {JSON.stringify(rule.rule, null, 2)}
          </textarea>
          <button type="button" id="save-rule">
            Сохранить правило
          </button>
          <p id="rule-message" role="status" />
        </details>
      ) : null}
    </div>
  );
}
