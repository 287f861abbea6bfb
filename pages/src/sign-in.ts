import { ApiError, api } from './lib/api';
import { safeNextPath } from './lib/next-path';

/** The sign-in form: the server's message (Russian) on refusal, the page asked for (same site only) on success. */
const form = document.getElementById('sign-in') as HTMLFormElement;
const out = document.getElementById('message')!;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  out.textContent = 'Входим…';
  out.className = 'muted';
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  try {
    await api('/api/auth/sign-in', { method: 'POST', body: { email: field('email'), password: field('password') } });
    location.href = safeNextPath(new URLSearchParams(location.search).get('next'), location.origin);
  } catch (err) {
    out.textContent = err instanceof ApiError ? err.message : 'Нет связи с сервером / No connection';
    out.className = 'error';
  }
});
