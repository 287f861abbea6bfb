import { ApiError, api } from './lib/api';
import { fill, islandText } from './lib/island';

/** The page's strings in the user's language (sync/pages/sync.tsx SYNC_SCRIPT_TEXT). */
const text = islandText<string>('sync-text');
const t = (key: string, values: Record<string, string | number> = {}) => fill(text[`sync.${key}`] ?? key, values);

/** «Повторить» on the integrations page: re-runs one refused payload and says what became of it. */
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-replay]')) {
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = t('replaying');
    try {
      const result = await api<{ outcome: string; reason?: string }>(`/api/inbox/${button.dataset['replay']}/replay`, { method: 'POST' });
      button.textContent = result.outcome === 'rejected' ? t('rejectedAgain', { reason: result.reason ?? '' }) : t('accepted');
    } catch (err) {
      button.textContent = t('error', { error: err instanceof ApiError ? err.message : String(err) });
    }
  });
}
