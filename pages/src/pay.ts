import { apiErrorMessage } from '../../schema/contracts/api-error';

/** The pay pages: the statement's workflow buttons and the head's payroll download for 1C:ЗУП. */
const message = document.getElementById('message');
const show = (text: string, bad = false) => {
  if (!message) return;
  message.textContent = text;
  message.className = bad ? 'error' : 'ok';
};
const post = (path: string, body: unknown) =>
  fetch(path, { method: 'POST', headers: { 'content-type': 'application/json', 'accept-language': 'ru' }, body: JSON.stringify(body) });
const errorOf = async (response: Response) => apiErrorMessage(response.status, await response.json().catch(() => null));

const statement = document.getElementById('statement');
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-action]')) {
  button.addEventListener('click', async () => {
    const comment = (document.getElementById('comment') as HTMLTextAreaElement | null)?.value.trim();
    button.disabled = true;
    show('Сохраняю…');
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
  show('Готовлю файл…');
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
  show('Файл выгружен; расчёты отмечены как выгруженные');
  setTimeout(() => location.reload(), 800);
});
