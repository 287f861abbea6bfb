import type { z } from 'zod';
import type { IntegrationCheckResult, IntegrationList } from '../../schema/contracts/admin';
import { ApiError, api } from './lib/api';
import { formatDayTime } from './lib/format';
import { fill, islandText } from './lib/island';

/**
 * «Проверить» on the integrations page: the server proves the path end to end and answers one
 * sentence; then the cards' «последнее получено» and 24 h counts are read again, so the test event
 * the check just sent shows without a reload.
 */
const text = islandText<string>('integrations-text');
const t = (key: string, values: Record<string, string | number> = {}) => fill(text[`admin.integrations.${key}`] ?? key, values);
/** The admin's own time zone (users.time_zone), as the server printed the dates. */
const zone = JSON.parse(document.getElementById('admin-zone')?.textContent ?? '"Europe/Moscow"') as string;

async function refreshCounts() {
  const { items } = await api<z.infer<typeof IntegrationList>>('/api/admin/integrations');
  for (const card of items) {
    const section = document.querySelector<HTMLElement>(`[data-integration="${card.id}"]`);
    if (!section) continue;
    const put = (selector: string, value: string) => {
      const el = section.querySelector<HTMLElement>(selector);
      if (el) el.textContent = value;
    };
    put('[data-last-received]', card.lastReceivedAt ? formatDayTime(card.lastReceivedAt, zone) : t('nothing'));
    put('[data-stored]', String(card.stored24h));
    put('[data-duplicate]', String(card.duplicate24h));
    put('[data-rejected]', String(card.rejected24h));
    section.querySelector('[data-rejected]')?.classList.toggle('error', card.rejected24h > 0);
  }
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-check]')) {
  button.addEventListener('click', async () => {
    const out = button.closest('[data-integration]')!.querySelector<HTMLElement>('[data-check-result]')!;
    button.disabled = true;
    out.className = 'muted';
    out.textContent = t('checking');
    try {
      const r = await api<z.infer<typeof IntegrationCheckResult>>(`/api/admin/integrations/${button.dataset['check']}/check`, {
        method: 'POST',
        body: {},
      });
      out.className = r.ok ? 'ok' : 'error';
      out.textContent = r.message;
      await refreshCounts().catch(() => undefined);
    } catch (err) {
      out.className = 'error';
      out.textContent = t('error', { error: err instanceof ApiError ? err.message : String(err) });
    } finally {
      button.disabled = false;
    }
  });
}
