import { apiErrorMessage } from '../../schema/contracts/api-error';
import { formatMoney, pluralForm } from './lib/format';
import { fill, islandText as readMessages } from './lib/island';
import { pageLang } from './lib/lang';

/** The pay pages: the statement's workflow buttons and the head's payroll download for 1C:ЗУП. */
/** Strings in the page's language (the `pay-text` island, worker/src/pay/pages/pay.tsx PAY_SCRIPT_KEYS). */
const strings = readMessages<
  | 'pay.approveChecked'
  | 'pay.dialog.summary.one'
  | 'pay.dialog.summary.few'
  | 'pay.dialog.summary.many'
  | 'pay.approved'
  | 'pay.approvedRefused'
  | 'pay.saving'
  | 'pay.exporting'
  | 'pay.exported'
>('pay-text');
const lang = pageLang();
const message = document.getElementById('message');
const show = (text: string, bad = false) => {
  if (!message) return;
  message.textContent = text;
  message.className = bad ? 'error' : 'ok';
};
const post = (path: string, body: unknown) =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': lang }, body: JSON.stringify(body) });
const errorOf = async (response: Response) => apiErrorMessage(response.status, await response.json().catch(() => null));

const statement = document.getElementById('statement');
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
  button.addEventListener('click', async () => {
    const comment = (document.getElementById('comment') as HTMLTextAreaElement | null)?.value.trim();
    button.disabled = true;
    show(strings['pay.saving']);
    const action = button.dataset['action'];
    const response = await post(
      `/api/pay/statements/${statement?.dataset['user']}/${statement?.dataset['month']}/actions`,
      comment ? { action, comment } : { action },
    );
    if (response.ok) return location.reload();
    button.disabled = false;
    show(await errorOf(response), true);
  });
}

document.getElementById('export')?.addEventListener('click', async (event) => {
  const button = event.currentTarget as HTMLButtonElement;
  const month = button.dataset['month'] ?? '';
  button.disabled = true;
  show(strings['pay.exporting']);
  const response = await post('/api/pay/export', { month });
  if (!response.ok) {
    button.disabled = false;
    return show(await errorOf(response), true);
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = `zup-nachisleniya-${month}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  show(strings['pay.exported']);
  setTimeout(() => location.reload(), 800);
});

/**
 * The head's month: check the statements to approve (or all that can be), confirm in a dialog that
 * names them and their sum, and approve them in one request; what could not be approved is named.
 */
const approveButton = document.getElementById('approve-checked') as HTMLButtonElement | null;
const dialog = document.getElementById('approve-dialog') as HTMLDialogElement | null;
const boxes = [...document.querySelectorAll<HTMLInputElement>('input.approve')];
const checkAll = document.getElementById('check-all') as HTMLInputElement | null;
const checked = () => boxes.filter((b) => b.checked);

function refreshApprove(): void {
  const n = checked().length;
  if (approveButton) {
    approveButton.disabled = n === 0;
    approveButton.textContent = fill(strings['pay.approveChecked'], { n });
  }
  if (checkAll) {
    checkAll.checked = n > 0 && n === boxes.length;
    checkAll.indeterminate = n > 0 && n < boxes.length;
  }
}
for (const box of boxes) box.addEventListener('change', refreshApprove);
checkAll?.addEventListener('change', () => {
  for (const box of boxes) box.checked = checkAll.checked;
  refreshApprove();
});

approveButton?.addEventListener('click', () => {
  const chosen = checked();
  const sum = chosen.reduce((s, b) => s + Number(b.dataset['total'] ?? 0), 0);
  const n = chosen.length;
  document.getElementById('approve-summary')!.textContent = fill(strings[`pay.dialog.summary.${pluralForm(n, lang)}`], {
    n,
    sum: formatMoney(sum),
  });
  const names = document.getElementById('approve-names')!;
  names.replaceChildren(
    ...chosen.map((b) => {
      const li = document.createElement('li');
      li.textContent = b.dataset['name'] ?? b.value;
      return li;
    }),
  );
  const box = document.getElementById('approve-comment-box');
  if (box) box.hidden = !chosen.some((b) => b.dataset['disputed']);
  dialog?.showModal();
});
document.getElementById('approve-cancel')?.addEventListener('click', () => dialog?.close());

document.getElementById('approve-confirm')?.addEventListener('click', async (event) => {
  const confirm = event.currentTarget as HTMLButtonElement;
  const month = document.getElementById('statements')?.dataset['month'] ?? '';
  const comment = (document.getElementById('approve-comment') as HTMLTextAreaElement | null)?.value.trim();
  confirm.disabled = true;
  const response = await post('/api/pay/statements/approve', {
    month,
    userIds: checked().map((b) => Number(b.value)),
    ...(comment ? { comment } : {}),
  });
  confirm.disabled = false;
  dialog?.close();
  if (!response.ok) return show(await errorOf(response), true);
  const result = (await response.json()) as { approved: number[]; refused: { userName: string; reason: string }[] };
  if (!result.refused.length) {
    show(fill(strings['pay.approved'], { n: result.approved.length }));
    return setTimeout(() => location.reload(), 600);
  }
  show(
    fill(strings['pay.approvedRefused'], {
      n: result.approved.length,
      refused: result.refused.map((r) => `${r.userName} — ${r.reason}`).join('; '),
    }),
    true,
  );
});
