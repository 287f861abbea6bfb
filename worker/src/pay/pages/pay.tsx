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
details.how summary{cursor:pointer;color:var(--brand)}details.how p{margin:6px 0 0}
.scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}.scroll table{min-width:560px}
dialog{border:1px solid var(--line);border-radius:10px;max-width:min(520px,92vw)}dialog::backdrop{background:rgba(29,36,51,.35)}
.rule-form fieldset{border:1px solid var(--line);border-radius:8px;margin:10px 0;padding:8px 12px}.rule-form legend{color:var(--muted)}
.rule-form .row{display:flex;gap:10px;flex-wrap:wrap;align-items:end}.rule-form .row>div{flex:1 1 140px}
.rule-form .field-error{color:var(--bad);font-size:14px;min-height:0}
@media (max-width:640px){main{padding:0 8px}.card{padding:12px}}
@media print{header,.bar,.acts,textarea,#message,dialog{display:none}.card{border:0;padding:0}}
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

/** «ноябрь 2026» for "2026-11". */
const MONTHS_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
export const monthRu = (month: string) => `${MONTHS_RU[Number(month.slice(5, 7)) - 1] ?? ''} ${month.slice(0, 4)}`;

/**
 * The head's (or the admin's) month: every manager's statement, the ones he may approve checked off
 * and approved in one step after a confirmation (pages/src/pay.ts), and the payroll export.
 */
export function StatementList({ month, items, canExport }: { month: string; items: ListItem[]; canExport: boolean }): Child {
  const total = items.reduce((sum, s) => sum + (s.totalKopecks ?? 0), 0);
  const approved = items.filter((s) => s.state === 'approved' || s.state === 'exported').length;
  const approvable = items.filter((s) => s.actions.includes('approve'));
  return (
    <>
      <Style />
      <div class="card" id="statements" data-month={month}>
        <h1>Зарплата за {monthRu(month)}</h1>
        <MonthPicker action="/app/pay" month={month}>
          {canExport ? (
            <button type="button" id="export" data-month={month} disabled={!approved}>
              Выгрузить для 1С:ЗУП ({approved})
            </button>
          ) : null}
        </MonthPicker>
        {approvable.length ? (
          <div class="acts">
            <button type="button" id="approve-checked" disabled>
              Утвердить отмеченные (0)
            </button>
          </div>
        ) : null}
        <p id="message" role="status" />
        <div class="scroll">
          <table class="list" data-testid="statements">
            <thead>
              <tr>
                <th>
                  {approvable.length ? <input type="checkbox" id="check-all" aria-label="Отметить все, которые можно утвердить" /> : null}
                </th>
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
                  <tr data-user={String(s.userId)}>
                    <td>
                      {s.actions.includes('approve') ? (
                        <input
                          type="checkbox"
                          class="approve"
                          value={String(s.userId)}
                          data-name={s.userName}
                          data-total={String(s.totalKopecks ?? 0)}
                          data-disputed={s.state === 'disputed' ? 'true' : undefined}
                          aria-label={`Утвердить: ${s.userName}`}
                        />
                      ) : null}
                    </td>
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
                  <td colspan={6} class="muted">
                    Нет менеджеров в ваших регионах
                  </td>
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr class="total">
                <td colspan={5}>Итого</td>
                <td class="money">{formatRubles(total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p class="muted">
          Черновики считаются по данным на сейчас; утверждённые расчёты заморожены. Отметить можно расчёты, которые менеджер проверил (или
          оспорил — тогда нужен ответ). Выгружаются утверждённые.
        </p>
        <dialog id="approve-dialog" aria-labelledby="approve-title">
          <form method="dialog">
            <h2 id="approve-title">Утвердить расчёты?</h2>
            <p id="approve-summary" />
            <ul id="approve-names" />
            <div id="approve-comment-box" hidden>
              <label for="approve-comment">Ответ на спор (обязателен для оспоренных расчётов)</label>
              <textarea id="approve-comment" maxlength={2000} />
            </div>
            <div class="acts">
              <button type="button" id="approve-confirm">
                Утвердить
              </button>
              <button type="button" class="secondary" id="approve-cancel">
                Отмена
              </button>
            </div>
          </form>
        </dialog>
      </div>
    </>
  );
}

/**
 * A line's explanation. The commission's lists the documents summed (dozens a month): the formula
 * shows, the documents fold away in a <details>.
 */
function Explanation({ code, text, documents }: { code: string; text: string; documents: number }): Child {
  const cut = text.indexOf(' Комиссия: ');
  if (code !== 'commission' || cut < 0) return <>{text}</>;
  return (
    <details class="how">
      <summary>{text.slice(cut + 1)}</summary>
      <p>
        {text.slice(0, cut)} ({documents} док.)
      </p>
    </details>
  );
}

/** One statement: every line with its explanation, the comments, and the steps the viewer may take. */
export function StatementView({ s, timeZone, picker = false }: { s: PayStatement; timeZone: string; picker?: boolean }): Child {
  const f = s.figures;
  return (
    <>
      <Style />
      <div class="card" id="statement" data-user={String(s.userId)} data-month={s.month}>
        <p>
          <a href={`/app/pay?month=${s.month}`}>← Все расчёты месяца</a>
        </p>
        <h1>
          {s.userName} — зарплата за {monthRu(s.month)}
        </h1>
        {picker ? <MonthPicker action="/app/pay" month={s.month} /> : null}
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
                  <tr data-line={l.code}>
                    <td>{l.titleRu}</td>
                    <td class="money">{formatRubles(l.amountKopecks)}</td>
                    <td>
                      <Explanation code={l.code} text={l.explanation} documents={l.refs.length} />
                    </td>
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
        <h1>Планы продаж на {monthRu(month)}</h1>
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

type RuleShape = {
  validFrom: string;
  baseKopecks: number;
  commissionBp: number;
  basis: string;
  tiers: { kind: string; fromCompletionBp: number; amountKopecks?: number; basisBp?: number }[];
  kpis: { target: number; amountKopecks: number; mode: string }[];
};

/** Kopecks as the form writes them: «40000» or «40000,50». */
const rublesField = (kopecks: number | undefined) => (kopecks === undefined ? '' : rublesInput(kopecks));
/** Basis points as a percent for the form: 150 → «1,5», 8000 → «80». */
const percentField = (bp: number | undefined) => (bp === undefined ? '' : String(bp / 100).replace('.', ','));

/** A field's error line, filled by pages/src/pay-rule.ts with the message about `path`. */
const FieldError = ({ path }: { path: string }) => <p class="field-error" data-error-for={path} />;

/** A labelled box of the rule form with its error line. */
function RuleField({ id, label, path, value, type }: { id: string; label: string; path: string; value: string; type?: string }): Child {
  return (
    <div>
      <label for={id}>{label}</label>
      <input id={id} type={type} inputmode={type ? undefined : 'decimal'} value={value} data-path={path} />
      <FieldError path={path} />
    </div>
  );
}

/** One bonus tier row of the form; the script renumbers `data-path` as rows are added and removed. */
function TierRow({ t, i }: { t?: RuleShape['tiers'][number]; i: number }): Child {
  const share = t?.kind === 'basis_share';
  return (
    <div class="row tier">
      <div>
        <label>От выполнения плана, %</label>
        <input class="tier-from" inputmode="decimal" value={percentField(t?.fromCompletionBp)} data-path={`tiers.${i}.fromCompletionBp`} />
        <FieldError path={`tiers.${i}.fromCompletionBp`} />
      </div>
      <div>
        <label>Премия</label>
        <select class="tier-kind" data-path={`tiers.${i}.kind`}>
          <option value="fixed" selected={!share}>
            сумма, ₽
          </option>
          <option value="basis_share" selected={share}>
            доля от факта, %
          </option>
        </select>
      </div>
      <div>
        <label>Размер</label>
        <input
          class="tier-amount"
          inputmode="decimal"
          value={share ? percentField(t?.basisBp) : rublesField(t?.amountKopecks)}
          data-path={`tiers.${i}.${share ? 'basisBp' : 'amountKopecks'}`}
        />
        <FieldError path={`tiers.${i}.amount`} />
      </div>
      <div>
        <button type="button" class="secondary remove-tier">
          Убрать
        </button>
      </div>
    </div>
  );
}

/** The admin's rule form: the same stored shape (kopecks, basis points), typed in roubles and percent. */
function RuleForm({ rule, month }: { rule: RuleShape | undefined; month: string }): Child {
  const kpi = rule?.kpis[0];
  return (
    <form class="rule-form" id="rule-form" novalidate>
      <p class="muted">Новая версия действует с выбранного месяца; утверждённые расчёты не меняются.</p>
      <div class="row">
        <RuleField id="rule-validFrom" label="Действует с месяца" path="validFrom" value={month} type="month" />
        <RuleField id="rule-base" label="Оклад, ₽" path="baseKopecks" value={rublesField(rule?.baseKopecks)} />
        <RuleField id="rule-commission" label="Комиссия, %" path="commissionBp" value={percentField(rule?.commissionBp)} />
        <div>
          <label for="rule-basis">От чего комиссия и план</label>
          <select id="rule-basis" data-path="basis">
            <option value="shipments" selected={rule?.basis !== 'payments'}>
              отгрузки
            </option>
            <option value="payments" selected={rule?.basis === 'payments'}>
              оплаты
            </option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend>Премия за выполнение плана (платит самая высокая достигнутая ступень)</legend>
        <div id="tiers">
          {(rule?.tiers ?? []).map((t, i) => (
            <TierRow t={t} i={i} />
          ))}
        </div>
        <template id="tier-template">
          <TierRow i={0} />
        </template>
        <FieldError path="tiers" />
        <button type="button" class="secondary" id="add-tier">
          Добавить ступень
        </button>
      </fieldset>
      <fieldset>
        <legend>
          <label style="display:inline;margin:0">
            <input type="checkbox" id="kpi-on" checked={Boolean(kpi)} style="width:auto" /> KPI: целевые звонки в рабочий день
          </label>
        </legend>
        <div class="row">
          <RuleField id="kpi-target" label="Звонков в рабочий день" path="kpis.0.target" value={kpi ? String(kpi.target) : ''} />
          <RuleField id="kpi-amount" label="Сумма, ₽" path="kpis.0.amountKopecks" value={rublesField(kpi?.amountKopecks)} />
          <div>
            <label for="kpi-mode">Как платится</label>
            <select id="kpi-mode" data-path="kpis.0.mode">
              <option value="all_or_nothing" selected={kpi?.mode !== 'proportional_capped'}>
                всё или ничего
              </option>
              <option value="proportional_capped" selected={kpi?.mode === 'proportional_capped'}>
                пропорционально, не больше суммы
              </option>
            </select>
          </div>
        </div>
      </fieldset>
      <button type="submit" id="save-rule">
        Сохранить правило
      </button>
      <p id="rule-message" role="status" />
    </form>
  );
}

/** The rule in force, in words; the admin also edits it as a form (validated here and by the API; pages/src/pay-rule.ts). */
export function RuleView({
  rule,
  isAdmin,
  month,
}: {
  rule: { validFrom: string; rule: Record<string, unknown> } | undefined;
  isAdmin: boolean;
  month: string;
}): Child {
  const r = rule?.rule as RuleShape | undefined;
  return (
    <div class="card" id="rule">
      {rule && r ? (
        <>
          <h2>Правило оплаты (действует с месяца: {monthRu(rule.validFrom)})</h2>
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
        </>
      ) : (
        <>
          <h2>Правило оплаты</h2>
          <p class="error">Правило не задано.</p>
        </>
      )}
      {isAdmin ? (
        <details open={!rule}>
          <summary>Изменить правило (администратор)</summary>
          <RuleForm rule={r} month={month} />
        </details>
      ) : null}
    </div>
  );
}
