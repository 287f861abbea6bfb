import { ApiError, api } from './lib/api';
import { fill, islandText as readMessages } from './lib/island';
import { pageLang } from './lib/lang';
import { toKopecks } from './lib/money';

/** Strings in the page's language (the `plans-text` island, PLANS_SCRIPT_KEYS in worker/src/pay/pages/pay.tsx). */
const strings = readMessages<'pay.plans.err.amount' | 'pay.plans.err.empty' | 'pay.plans.loading' | 'pay.plans.saved' | 'pay.plans.line'>(
  'plans-text',
);
const lang = pageLang();

/** The plans page: save one row, or read a CSV in the browser and send its rows; rows refused are named. */
const box = document.getElementById('plans');
const message = document.getElementById('message')!;
const show = (el: HTMLElement, text: string, bad = false) => {
  el.textContent = text;
  el.className = bad ? 'error' : 'ok';
};
const errorText = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

for (const button of document.querySelectorAll<HTMLButtonElement>('tr[data-user] .save')) {
  button.addEventListener('click', async () => {
    const row = button.closest('tr')!;
    const kopecks = toKopecks((row.querySelector('.amount') as HTMLInputElement).value);
    if (kopecks === null) return show(message, strings['pay.plans.err.amount'], true);
    button.disabled = true;
    try {
      await api(`/api/plans/${row.dataset['user']}/${box?.dataset['month']}`, {
        method: 'PUT',
        lang,
        body: { amountKopecks: kopecks, metric: (row.querySelector('.metric') as HTMLSelectElement).value },
      });
      location.reload();
    } catch (err) {
      button.disabled = false;
      show(message, errorText(err), true);
    }
  });
}

const file = document.getElementById('plan-file') as HTMLInputElement | null;
file?.addEventListener('change', async () => {
  const out = document.getElementById('import-message')!;
  const list = document.getElementById('import-result')!;
  const text = (await file.files![0]!.text()).replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const sep = [';', '\t', ','].find((s) => lines[0]?.includes(s)) ?? ';';
  let rows = lines.map((l) => l.split(sep).map((c) => c.trim().replace(/^"(.*)"$/, '$1')));
  if (rows[0] && !rows[0][0]!.includes('@')) rows = rows.slice(1);
  if (!rows.length) return show(out, strings['pay.plans.err.empty'], true);
  show(out, fill(strings['pay.plans.loading'], { n: rows.length }));
  try {
    const result = await api<{ saved: number; rows: { ok: boolean; line: number; error?: string }[] }>('/api/plans/import', {
      method: 'POST',
      lang,
      body: {
        rows: rows.map(([email, month, amount, metric]) => ({
          email: email ?? '',
          month: month ?? '',
          amount: amount ?? '',
          ...(metric ? { metric } : {}),
        })),
      },
    });
    show(out, fill(strings['pay.plans.saved'], { saved: result.saved, n: result.rows.length }), result.saved < result.rows.length);
    list.replaceChildren(
      ...result.rows
        .filter((r) => !r.ok)
        .map((r) =>
          Object.assign(document.createElement('p'), {
            className: 'error',
            textContent: fill(strings['pay.plans.line'], { line: r.line, error: r.error ?? '' }),
          }),
        ),
    );
    if (result.saved) setTimeout(() => location.reload(), 1500);
  } catch (err) {
    show(out, errorText(err), true);
  }
});
