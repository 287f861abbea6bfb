import { ApiError, api } from './lib/api';

/** The admin's salary rule editor: the JSON is checked by the API, which names every bad field. */
document.getElementById('save-rule')?.addEventListener('click', async () => {
  const out = document.getElementById('rule-message')!;
  let rule: unknown;
  try {
    rule = JSON.parse((document.getElementById('rule') as HTMLTextAreaElement).value);
  } catch {
    out.textContent = 'Это не JSON';
    out.className = 'error';
    return;
  }
  try {
    await api('/api/pay/rules', { method: 'POST', body: { rule } });
    location.reload();
  } catch (err) {
    out.textContent = err instanceof ApiError ? err.message : String(err);
    out.className = 'error';
  }
});
