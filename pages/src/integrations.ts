import type { z } from 'zod';
import type { IntegrationCheckResult } from '../../schema/contracts/admin';
import { ApiError, api } from './lib/api';

/** «Проверить» on the integrations page: the server proves the path end to end and answers one sentence. */
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-check]')) {
  button.addEventListener('click', async () => {
    const out = button.closest('[data-integration]')!.querySelector<HTMLElement>('[data-check-result]')!;
    button.disabled = true;
    out.className = 'muted';
    out.textContent = 'Проверяю…';
    try {
      const r = await api<z.infer<typeof IntegrationCheckResult>>(`/api/admin/integrations/${button.dataset['check']}/check`, {
        method: 'POST',
        body: {},
      });
      out.className = r.ok ? 'ok' : 'error';
      out.textContent = r.message;
    } catch (err) {
      out.className = 'error';
      out.textContent = `Ошибка: ${err instanceof ApiError ? err.message : String(err)}`;
    } finally {
      button.disabled = false;
    }
  });
}
