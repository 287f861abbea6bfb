import { ApiError, api } from './lib/api';

/** «Повторить» on the integrations page: re-runs one refused payload and says what became of it. */
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-replay]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Повторяю…';
    try {
      const result = await api<{ outcome: string; reason?: string }>(`/api/inbox/${button.dataset['replay']}/replay`, { method: 'POST' });
      button.textContent = result.outcome === 'rejected' ? `Снова отклонено: ${result.reason ?? ''}` : 'Принято';
    } catch (err) {
      button.textContent = `Ошибка: ${err instanceof ApiError ? err.message : String(err)}`;
    }
  });
}
