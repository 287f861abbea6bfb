/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { PayStatement } from '../../../../schema/contracts';
import { byRussian, fill, msg, type Lang, type MessageKey } from '../../platform/i18n';
import { PAY } from '../../platform/messages/pay';
import { formatDateTime, formatMonth, formatRubles } from '../../platform/ru-format';
import { salaryStatementStateLabels } from '../calculator';

/**
 * Plans and pay pages: server-rendered in the page's language (strings in platform/messages/pay.ts);
 * actions go through the API (pages/src/pay.ts, plans.ts, pay-rule.ts). Names, comments and the
 * statement's explanations (the text frozen with an approved statement) are data, shown as stored.
 */

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

/** A service's Russian text (a statement's problem) in the page's language. */
const payText = byRussian(PAY);

export const percent = (bp: number | null) => (bp === null ? '—' : `${Math.floor(bp / 100)},${String(bp % 100).padStart(2, '0')} %`);

function Meter({ bp }: { bp: number | null }): Child {
  return (
    <div class="meter" title={percent(bp)}>
      <i style={`width:${Math.min(100, Math.max(0, (bp ?? 0) / 100))}%`} />
    </div>
  );
}

function MonthPicker({ action, month, lang, children }: { action: string; month: string; lang: Lang; children?: Child }): Child {
  return (
    <form class="bar" method="get" action={action}>
      <div>
        <label for="month">{msg('pay.month', lang)}</label>
        <input type="month" id="month" name="month" value={month} required />
      </div>
      <button type="submit" class="secondary">
        {msg('pay.show', lang)}
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

/** The strings pages/src/pay.ts shows, passed in the page's JSON island `pay-text`. */
export const PAY_SCRIPT_KEYS = [
  'pay.approveChecked',
  'pay.dialog.summary.one',
  'pay.dialog.summary.few',
  'pay.dialog.summary.many',
  'pay.approved',
  'pay.approvedRefused',
  'pay.saving',
  'pay.exporting',
  'pay.exported',
] as const satisfies readonly MessageKey[];

/** The strings pages/src/pay-rule.ts shows (island `pay-rule-text`). */
export const PAY_RULE_SCRIPT_KEYS = [
  'pay.rule.err.money',
  'pay.rule.err.percent',
  'pay.rule.err.month',
  'pay.rule.err.target',
  'pay.rule.err.fix',
  'pay.rule.err.notSaved',
  'pay.rule.err.offline',
  'pay.rule.label.threshold',
  'pay.rule.label.share',
  'pay.rule.label.bonus',
  'pay.rule.label.kpiSum',
  'pay.rule.label.base',
  'pay.rule.label.commission',
  'pay.saving',
] as const satisfies readonly MessageKey[];

/** The strings pages/src/plans.ts shows (island `plans-text`). */
export const PLANS_SCRIPT_KEYS = [
  'pay.plans.err.amount',
  'pay.plans.err.empty',
  'pay.plans.loading',
  'pay.plans.saved',
  'pay.plans.line',
] as const satisfies readonly MessageKey[];

/** A catalogue text around a person's name: the name stays as stored (`translate="no"`), the rest is filled. */
function Named({ text, name, values }: { text: string; name: string; values: Record<string, string> }): Child {
  const [before = '', after = ''] = text.split('{name}');
  return (
    <>
      {fill(before, values)}
      <span translate="no">{name}</span>
      {fill(after, values)}
    </>
  );
}

const stateText = (s: Pick<PayStatement, 'state' | 'stateRu'>, lang: Lang) =>
  lang === 'ru' ? s.stateRu : salaryStatementStateLabels[s.state].en;

/**
 * The head's (or the admin's) month: every manager's statement, the ones he may approve checked off
 * and approved in one step after a confirmation (pages/src/pay.ts), and the payroll export.
 */
export function StatementList({
  month,
  items,
  canExport,
  lang,
}: {
  month: string;
  items: ListItem[];
  canExport: boolean;
  lang: Lang;
}): Child {
  const t = (key: MessageKey) => msg(key, lang);
  const total = items.reduce((sum, s) => sum + (s.totalKopecks ?? 0), 0);
  const approved = items.filter((s) => s.state === 'approved' || s.state === 'exported').length;
  const approvable = items.filter((s) => s.actions.includes('approve'));
  return (
    <>
      <Style />
      <div class="card" id="statements" data-month={month}>
        <h1>{fill(t('pay.list.title'), { month: formatMonth(month, lang) })}</h1>
        <MonthPicker action="/app/pay" month={month} lang={lang}>
          {canExport ? (
            <button type="button" id="export" data-month={month} disabled={!approved}>
              {fill(t('pay.export'), { n: approved })}
            </button>
          ) : null}
        </MonthPicker>
        {approvable.length ? (
          <div class="acts">
            <button type="button" id="approve-checked" disabled>
              {fill(t('pay.approveChecked'), { n: 0 })}
            </button>
          </div>
        ) : null}
        <p id="message" role="status" />
        <div class="scroll">
          <table class="list" data-testid="statements">
            <thead>
              <tr>
                <th>{approvable.length ? <input type="checkbox" id="check-all" aria-label={t('pay.checkAll')} /> : null}</th>
                <th>{t('pay.col.manager')}</th>
                <th>{t('pay.col.state')}</th>
                <th class="money">{t('pay.col.fact')}</th>
                <th>{t('pay.col.completion')}</th>
                <th class="money">{t('pay.col.due')}</th>
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
                          aria-label={fill(t('pay.approveOne'), { name: s.userName })}
                        />
                      ) : null}
                    </td>
                    <td data-label={t('pay.col.manager')} translate="no">
                      <a href={`/app/pay/${s.userId}/${month}`}>{s.userName}</a>
                    </td>
                    <td data-label={t('pay.col.state')}>
                      <span class={`state ${s.state}`}>{stateText(s, lang)}</span>
                    </td>
                    <td data-label={t('pay.col.fact')} class="money">
                      {s.basisKopecks === null ? '—' : formatRubles(s.basisKopecks)}
                    </td>
                    <td data-label={t('pay.col.plan')}>
                      {percent(s.planCompletionBp)}
                      <Meter bp={s.planCompletionBp} />
                    </td>
                    <td data-label={t('pay.col.due')} class="money">
                      {s.totalKopecks === null ? (s.problem ? payText(s.problem, lang) : '—') : formatRubles(s.totalKopecks)}
                    </td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={6} class="muted">
                    {t('pay.noManagers')}
                  </td>
                </tr>
              )}
            </tbody>
            <tfoot>
              <tr class="total">
                <td colspan={5}>{t('pay.total')}</td>
                <td class="money">{formatRubles(total)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        <p class="muted">{t('pay.list.note')}</p>
        <dialog id="approve-dialog" aria-labelledby="approve-title">
          <form method="dialog">
            <h2 id="approve-title">{t('pay.dialog.title')}</h2>
            <p id="approve-summary" />
            <ul id="approve-names" />
            <div id="approve-comment-box" hidden>
              <label for="approve-comment">{t('pay.dialog.comment')}</label>
              <textarea id="approve-comment" maxlength={2000} />
            </div>
            <div class="acts">
              <button type="button" id="approve-confirm">
                {t('pay.dialog.confirm')}
              </button>
              <button type="button" class="secondary" id="approve-cancel">
                {t('pay.dialog.cancel')}
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
function Explanation({ code, text, documents, lang }: { code: string; text: string; documents: number; lang: Lang }): Child {
  const cut = text.indexOf(' Комиссия: ');
  if (code !== 'commission' || cut < 0) return <span translate="no">{text}</span>;
  return (
    <details class="how">
      <summary translate="no">{text.slice(cut + 1)}</summary>
      <p>
        <span translate="no">{text.slice(0, cut)}</span> {fill(msg('pay.line.documents', lang), { n: documents })}
      </p>
    </details>
  );
}

/** One statement: every line with its explanation, the comments, and the steps the viewer may take. */
export function StatementView({
  s,
  timeZone,
  lang,
  picker = false,
}: {
  s: PayStatement;
  timeZone: string;
  lang: Lang;
  picker?: boolean;
}): Child {
  const t = (key: MessageKey) => msg(key, lang);
  const f = s.figures;
  return (
    <>
      <Style />
      <div class="card" id="statement" data-user={String(s.userId)} data-month={s.month}>
        <p>
          <a href={`/app/pay?month=${s.month}`}>{t('pay.statement.back')}</a>
        </p>
        <h1>
          <Named text={t('pay.statement.title')} name={s.userName} values={{ month: formatMonth(s.month, lang) }} />
        </h1>
        {picker ? <MonthPicker action="/app/pay" month={s.month} lang={lang} /> : null}
        <p>
          <span class={`state ${s.state}`} data-testid="state">
            {stateText(s, lang)}
          </span>
          {s.frozen ? t('pay.statement.frozen') : t('pay.statement.live')}
        </p>
        {f ? (
          <>
            <p>
              {fill(t('pay.statement.fact'), { basis: t(f.basis === 'shipments' ? 'pay.basis.shipments' : 'pay.basis.payments') })}{' '}
              <b>{formatRubles(f.basisKopecks)}</b> · {t('pay.statement.plan')}{' '}
              <b>{f.planKopecks === null ? t('pay.planUnset') : formatRubles(f.planKopecks)}</b> · {t('pay.statement.completion')}{' '}
              <b>{percent(f.planCompletionBp)}</b> · {fill(t('pay.statement.rule'), { month: f.ruleValidFrom })}
            </p>
            <table class="lines">
              <thead>
                <tr>
                  <th>{t('pay.line.title')}</th>
                  <th class="money">{t('pay.line.sum')}</th>
                  <th>{t('pay.line.how')}</th>
                </tr>
              </thead>
              <tbody>
                {f.lines.map((l) => (
                  <tr data-line={l.code}>
                    <td>{lang === 'ru' ? l.titleRu : l.titleEn}</td>
                    <td class="money">{formatRubles(l.amountKopecks)}</td>
                    <td>
                      <Explanation code={l.code} text={l.explanation} documents={l.refs.length} lang={lang} />
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr class="total">
                  <td>{t('pay.total')}</td>
                  <td class="money" data-testid="total">
                    {formatRubles(f.totalKopecks)}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </>
        ) : (
          <p class="error">{s.problem ? payText(s.problem, lang) : t('pay.noStatement')}</p>
        )}
        {s.disputeComment ? (
          <div class="note">
            <b>{t('pay.disputeComment')}</b> <span translate="no">{s.disputeComment}</span>
          </div>
        ) : null}
        {s.resolutionComment ? (
          <div class="note">
            <b>{t('pay.resolutionComment')}</b> <span translate="no">{s.resolutionComment}</span>
          </div>
        ) : null}
        {s.approvedAt ? (
          <p class="muted">
            {fill(t('pay.approvedAt'), { when: formatDateTime(s.approvedAt, timeZone) })}
            {s.approvedByName ? <span translate="no">, {s.approvedByName}</span> : ''}
            {s.exportedAt ? fill(t('pay.exportedAt'), { when: formatDateTime(s.exportedAt, timeZone) }) : ''}
          </p>
        ) : null}
        {s.actions.length ? (
          <div class="acts-box">
            <label for="comment">{t('pay.comment')}</label>
            <textarea id="comment" maxlength={2000} />
            <div class="acts">
              {s.actions.map((a) => (
                <button type="button" data-action={a} class={a === 'dispute' || a === 'recompute' ? 'secondary' : undefined}>
                  {t(`pay.action.${a}`)}
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
export function PlansView({ month, items, canEdit, lang }: { month: string; items: PlanItem[]; canEdit: boolean; lang: Lang }): Child {
  const t = (key: MessageKey) => msg(key, lang);
  const metric = (m: PlanItem['metric']) => t(m === 'shipments' ? 'pay.basis.shipments' : 'pay.basis.payments');
  return (
    <>
      <Style />
      <div class="card" id="plans" data-month={month}>
        <h1>{fill(t('pay.plans.heading'), { month: formatMonth(month, lang) })}</h1>
        <MonthPicker action="/app/plans" month={month} lang={lang} />
        <p id="message" role="status" />
        <table class="list">
          <thead>
            <tr>
              <th>{t('pay.col.manager')}</th>
              <th>{t('pay.plans.plan')}</th>
              <th>{t('pay.plans.metric')}</th>
              <th class="money">{t('pay.col.fact')}</th>
              <th>{t('pay.plans.completion')}</th>
              {canEdit ? <th /> : null}
            </tr>
          </thead>
          <tbody>
            {items.length ? (
              items.map((p) => (
                <tr data-user={String(p.userId)}>
                  <td data-label={t('pay.col.manager')} translate="no">
                    {p.userName}
                  </td>
                  <td data-label={t('pay.plans.plan')}>
                    {canEdit ? (
                      <input
                        class="amount"
                        inputmode="decimal"
                        value={rublesInput(p.planKopecks)}
                        aria-label={fill(t('pay.plans.planOf'), { name: p.userName })}
                        style="max-width:160px"
                      />
                    ) : p.planKopecks === null ? (
                      t('pay.planUnset')
                    ) : (
                      formatRubles(p.planKopecks)
                    )}
                  </td>
                  <td data-label={t('pay.plans.metric')}>
                    {canEdit ? (
                      <select class="metric" style="width:auto">
                        <option value="shipments" selected={p.metric === 'shipments'}>
                          {metric('shipments')}
                        </option>
                        <option value="payments" selected={p.metric === 'payments'}>
                          {metric('payments')}
                        </option>
                      </select>
                    ) : (
                      metric(p.metric)
                    )}
                  </td>
                  <td data-label={t('pay.col.fact')} class="money">
                    {formatRubles(p.factKopecks)}
                  </td>
                  <td data-label={t('pay.plans.completion')}>
                    {percent(p.completionBp)}
                    <Meter bp={p.completionBp} />
                  </td>
                  {canEdit ? (
                    <td>
                      <button type="button" class="save secondary" style="margin:0">
                        {t('pay.plans.save')}
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))
            ) : (
              <tr>
                <td colspan={6} class="muted">
                  {t('pay.noManagers')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {canEdit ? (
        <div class="card">
          <h2>{t('pay.plans.upload')}</h2>
          <p class="muted">{t('pay.plans.uploadHint')}</p>
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
function TierRow({ t, i, lang }: { t?: RuleShape['tiers'][number]; i: number; lang: Lang }): Child {
  const share = t?.kind === 'basis_share';
  const w = (key: MessageKey) => msg(key, lang);
  return (
    <div class="row tier">
      <div>
        <label>{w('pay.rule.form.tierFrom')}</label>
        <input class="tier-from" inputmode="decimal" value={percentField(t?.fromCompletionBp)} data-path={`tiers.${i}.fromCompletionBp`} />
        <FieldError path={`tiers.${i}.fromCompletionBp`} />
      </div>
      <div>
        <label>{w('pay.rule.form.bonus')}</label>
        <select class="tier-kind" data-path={`tiers.${i}.kind`}>
          <option value="fixed" selected={!share}>
            {w('pay.rule.form.fixed')}
          </option>
          <option value="basis_share" selected={share}>
            {w('pay.rule.form.share')}
          </option>
        </select>
      </div>
      <div>
        <label>{w('pay.rule.form.size')}</label>
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
          {w('pay.rule.form.remove')}
        </button>
      </div>
    </div>
  );
}

/** The admin's rule form: the same stored shape (kopecks, basis points), typed in roubles and percent. */
function RuleForm({ rule, month, lang }: { rule: RuleShape | undefined; month: string; lang: Lang }): Child {
  const kpi = rule?.kpis[0];
  const t = (key: MessageKey) => msg(key, lang);
  return (
    <form class="rule-form" id="rule-form" novalidate>
      <p class="muted">{t('pay.rule.form.intro')}</p>
      <div class="row">
        <RuleField id="rule-validFrom" label={t('pay.rule.form.validFrom')} path="validFrom" value={month} type="month" />
        <RuleField id="rule-base" label={t('pay.rule.form.base')} path="baseKopecks" value={rublesField(rule?.baseKopecks)} />
        <RuleField
          id="rule-commission"
          label={t('pay.rule.form.commission')}
          path="commissionBp"
          value={percentField(rule?.commissionBp)}
        />
        <div>
          <label for="rule-basis">{t('pay.rule.form.basis')}</label>
          <select id="rule-basis" data-path="basis">
            <option value="shipments" selected={rule?.basis !== 'payments'}>
              {t('pay.basis.shipments')}
            </option>
            <option value="payments" selected={rule?.basis === 'payments'}>
              {t('pay.basis.payments')}
            </option>
          </select>
        </div>
      </div>
      <fieldset>
        <legend>{t('pay.rule.form.tiers')}</legend>
        <div id="tiers">
          {(rule?.tiers ?? []).map((tier, i) => (
            <TierRow t={tier} i={i} lang={lang} />
          ))}
        </div>
        <template id="tier-template">
          <TierRow i={0} lang={lang} />
        </template>
        <FieldError path="tiers" />
        <button type="button" class="secondary" id="add-tier">
          {t('pay.rule.form.addTier')}
        </button>
      </fieldset>
      <fieldset>
        <legend>
          <label style="display:inline;margin:0">
            <input type="checkbox" id="kpi-on" checked={Boolean(kpi)} style="width:auto" /> {t('pay.rule.form.kpi')}
          </label>
        </legend>
        <div class="row">
          <RuleField id="kpi-target" label={t('pay.rule.form.kpiTarget')} path="kpis.0.target" value={kpi ? String(kpi.target) : ''} />
          <RuleField
            id="kpi-amount"
            label={t('pay.rule.form.kpiSum')}
            path="kpis.0.amountKopecks"
            value={rublesField(kpi?.amountKopecks)}
          />
          <div>
            <label for="kpi-mode">{t('pay.rule.form.kpiMode')}</label>
            <select id="kpi-mode" data-path="kpis.0.mode">
              <option value="all_or_nothing" selected={kpi?.mode !== 'proportional_capped'}>
                {t('pay.rule.kpiMode.all')}
              </option>
              <option value="proportional_capped" selected={kpi?.mode === 'proportional_capped'}>
                {t('pay.rule.form.proportional')}
              </option>
            </select>
          </div>
        </div>
      </fieldset>
      <button type="submit" id="save-rule">
        {t('pay.rule.form.save')}
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
  lang,
}: {
  rule: { validFrom: string; rule: Record<string, unknown> } | undefined;
  isAdmin: boolean;
  month: string;
  lang: Lang;
}): Child {
  const r = rule?.rule as RuleShape | undefined;
  const t = (key: MessageKey) => msg(key, lang);
  return (
    <div class="card" id="rule">
      {rule && r ? (
        <>
          <h2>{fill(t('pay.rule.titleFrom'), { month: formatMonth(rule.validFrom, lang) })}</h2>
          <ul>
            <li>{fill(t('pay.rule.base'), { sum: formatRubles(r.baseKopecks) })}</li>
            <li>
              {fill(t(r.basis === 'payments' ? 'pay.rule.commission.payments' : 'pay.rule.commission.shipments'), {
                percent: percent(r.commissionBp),
              })}
            </li>
            {r.tiers.map((tier) => (
              <li>
                {fill(t('pay.rule.tier'), {
                  from: percent(tier.fromCompletionBp),
                  bonus:
                    tier.kind === 'fixed'
                      ? formatRubles(tier.amountKopecks ?? 0)
                      : fill(t('pay.rule.tierShare'), { percent: percent(tier.basisBp ?? 0) }),
                })}
              </li>
            ))}
            {r.kpis.map((k) => (
              <li>
                {fill(t('pay.rule.kpi'), {
                  target: k.target,
                  sum: formatRubles(k.amountKopecks),
                  mode: t(k.mode === 'all_or_nothing' ? 'pay.rule.kpiMode.all' : 'pay.rule.kpiMode.proportional'),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <h2>{t('pay.rule.title')}</h2>
          <p class="error">{t('pay.rule.none')}</p>
        </>
      )}
      {isAdmin ? (
        <details open={!rule}>
          <summary>{t('pay.rule.edit')}</summary>
          <RuleForm rule={r} month={month} lang={lang} />
        </details>
      ) : null}
    </div>
  );
}
