import { ApiError, api } from './lib/api';

/** The client card's owner actions: take from the pool, give back, assign; the page reloads to show the new owner. */
const box = document.getElementById('owner-actions');
const message = document.getElementById('owner-message');

async function send(method: string, path: string, body?: unknown) {
  if (!message) return;
  message.textContent = 'Сохраняем…';
  message.className = 'muted';
  try {
    await api(path, { method, ...(body === undefined ? {} : { body }) });
    location.reload();
  } catch (err) {
    message.textContent = err instanceof ApiError ? err.message : 'Нет связи с сервером';
    message.className = 'error';
  }
}

if (box) {
  const base = `/api/companies/${box.dataset['company']}`;
  document.getElementById('claim')?.addEventListener('click', () => send('POST', `${base}/claim`));
  document.getElementById('release')?.addEventListener('click', () => {
    if (confirm('Вернуть клиента в пул региона?')) void send('PUT', `${base}/owner`, { ownerId: null });
  });
  document.getElementById('assign')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const value = (document.getElementById('assign-owner') as HTMLSelectElement).value;
    void send('PUT', `${base}/owner`, { ownerId: value === '' ? null : Number(value) });
  });
}
