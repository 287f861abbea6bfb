import { fill, islandText as readMessages } from './lib/island';
import { pageLang } from './lib/lang';
import { toBasisPoints, toKopecks } from './lib/money';

/**
 * The admin's salary rule as a form: roubles and percent typed, the stored shape (kopecks, basis
 * points) sent. Each field's mistake is named under it in the page's language (the `pay-rule-text`
 * island) — found here first, and the API's own check (the same zod rule) is mapped back to the fields
 * it names.
 */
const strings = readMessages<
  | 'pay.rule.err.money'
  | 'pay.rule.err.percent'
  | 'pay.rule.err.month'
  | 'pay.rule.err.target'
  | 'pay.rule.err.fix'
  | 'pay.rule.err.notSaved'
  | 'pay.rule.err.offline'
  | 'pay.rule.label.threshold'
  | 'pay.rule.label.share'
  | 'pay.rule.label.bonus'
  | 'pay.rule.label.kpiSum'
  | 'pay.rule.label.base'
  | 'pay.rule.label.commission'
  | 'pay.saving'
>('pay-rule-text');
const lang = pageLang();
const form = document.getElementById('rule-form') as HTMLFormElement | null;
const tiers = document.getElementById('tiers');
const template = document.getElementById('tier-template') as HTMLTemplateElement | null;
const message = document.getElementById('rule-message');

type Issue = { path: string; message: string };
const input = (id: string) => document.getElementById(id) as HTMLInputElement;

/** Tier rows carry their index in `data-path` so errors find them; renumbered after each change. */
function renumber(): void {
  tiers?.querySelectorAll<HTMLElement>('.tier').forEach((row, i) => {
    const kind = row.querySelector<HTMLSelectElement>('.tier-kind')!.value;
    row.querySelector('.tier-from')!.setAttribute('data-path', `tiers.${i}.fromCompletionBp`);
    row.querySelector('.tier-kind')!.setAttribute('data-path', `tiers.${i}.kind`);
    row.querySelector('.tier-amount')!.setAttribute('data-path', `tiers.${i}.${kind === 'basis_share' ? 'basisBp' : 'amountKopecks'}`);
    row
      .querySelectorAll('[data-error-for]')
      .forEach((el, j) => el.setAttribute('data-error-for', j ? `tiers.${i}.amount` : `tiers.${i}.fromCompletionBp`));
  });
}

function bind(row: Element): void {
  row.querySelector('.remove-tier')?.addEventListener('click', () => {
    row.remove();
    renumber();
  });
  row.querySelector('.tier-kind')?.addEventListener('change', renumber);
}
tiers?.querySelectorAll('.tier').forEach(bind);
document.getElementById('add-tier')?.addEventListener('click', () => {
  const row = template?.content.firstElementChild?.cloneNode(true) as HTMLElement | undefined;
  if (!row || !tiers) return;
  tiers.append(row);
  bind(row);
  renumber();
  row.querySelector<HTMLInputElement>('.tier-from')?.focus();
});

/** The rule from the form, and what is wrong in it before the API is asked. */
function readRule(): { rule: Record<string, unknown>; issues: Issue[] } {
  const issues: Issue[] = [];
  const money = (text: string, path: string, label: string) => {
    const v = toKopecks(text);
    if (v === null) issues.push({ path, message: fill(strings['pay.rule.err.money'], { label }) });
    return v ?? 0;
  };
  const share = (text: string, path: string, label: string) => {
    const v = toBasisPoints(text);
    if (v === null) issues.push({ path, message: fill(strings['pay.rule.err.percent'], { label }) });
    return v ?? 0;
  };
  const validFrom = input('rule-validFrom').value;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(validFrom)) issues.push({ path: 'validFrom', message: strings['pay.rule.err.month'] });
  const rows = [...(tiers?.querySelectorAll<HTMLElement>('.tier') ?? [])];
  const tierList = rows.map((row, i) => {
    const from = share(
      row.querySelector<HTMLInputElement>('.tier-from')!.value,
      `tiers.${i}.fromCompletionBp`,
      strings['pay.rule.label.threshold'],
    );
    const amount = row.querySelector<HTMLInputElement>('.tier-amount')!.value;
    return row.querySelector<HTMLSelectElement>('.tier-kind')!.value === 'basis_share'
      ? { kind: 'basis_share', fromCompletionBp: from, basisBp: share(amount, `tiers.${i}.basisBp`, strings['pay.rule.label.share']) }
      : {
          kind: 'fixed',
          fromCompletionBp: from,
          amountKopecks: money(amount, `tiers.${i}.amountKopecks`, strings['pay.rule.label.bonus']),
        };
  });
  const kpis: Record<string, unknown>[] = [];
  if (input('kpi-on').checked) {
    const target = input('kpi-target').value.trim();
    if (!/^\d+$/.test(target)) issues.push({ path: 'kpis.0.target', message: strings['pay.rule.err.target'] });
    kpis.push({
      kind: 'targeted_calls_per_working_day',
      target: Number(target),
      amountKopecks: money(input('kpi-amount').value, 'kpis.0.amountKopecks', strings['pay.rule.label.kpiSum']),
      mode: (document.getElementById('kpi-mode') as HTMLSelectElement).value,
    });
  }
  const rule = {
    validFrom,
    baseKopecks: money(input('rule-base').value, 'baseKopecks', strings['pay.rule.label.base']),
    commissionBp: share(input('rule-commission').value, 'commissionBp', strings['pay.rule.label.commission']),
    basis: (document.getElementById('rule-basis') as HTMLSelectElement).value,
    tiers: tierList,
    kpis,
  };
  return { rule, issues };
}

/** Each message under its field (an amount of a tier under that tier); the rest in the form's line. */
function showIssues(issues: Issue[]): void {
  form?.querySelectorAll<HTMLElement>('[data-error-for]').forEach((el) => (el.textContent = ''));
  form?.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const loose: string[] = [];
  for (const issue of issues) {
    const field = form?.querySelector<HTMLElement>(`[data-path="${issue.path}"]`);
    const tierAmount = /^tiers\.(\d+)\.(amountKopecks|basisBp)$/.exec(issue.path);
    const slot = form?.querySelector<HTMLElement>(`[data-error-for="${tierAmount ? `tiers.${tierAmount[1]}.amount` : issue.path}"]`);
    field?.setAttribute('aria-invalid', 'true');
    if (slot) slot.textContent = [slot.textContent, issue.message].filter(Boolean).join(' ');
    else loose.push(issue.message);
  }
  if (message) {
    message.textContent = issues.length ? [strings['pay.rule.err.fix'], ...loose].join(' ') : '';
    message.className = issues.length ? 'error' : '';
  }
}

/** The page's half of a «русский / English» message (the shared zod messages carry both). */
const half = (message: string) => {
  const [ru, en] = message.split(' / ');
  return (lang === 'en' ? en : ru) ?? message;
};

form?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const { rule, issues } = readRule();
  showIssues(issues);
  if (issues.length) return;
  if (message) message.textContent = strings['pay.saving'];
  const response = await fetch('/api/pay/rules', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': lang },
    body: JSON.stringify({ rule }),
  }).catch(() => null);
  if (response?.ok) return location.reload();
  const body = (await response?.json().catch(() => null)) as {
    error?: { message?: string; fields?: { field: string; message: string }[] };
  } | null;
  const fields = body?.error?.fields ?? [];
  if (fields.length) return showIssues(fields.map((f) => ({ path: f.field.replace(/^body\.rule\./, ''), message: half(f.message) })));
  if (message) {
    message.textContent = response
      ? half(body?.error?.message ?? fill(strings['pay.rule.err.notSaved'], { status: response.status }))
      : strings['pay.rule.err.offline'];
    message.className = 'error';
  }
});
