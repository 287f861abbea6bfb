import { ApiError, api } from './lib/api';

/** The sign-in form: the server's message (Russian) on refusal, the page asked for (same site only) on success. */
const form = document.getElementById('sign-in') as HTMLFormElement;
const out = document.getElementById('message')!;

/** Where to go after signing in: `?next=` when it is a path of this site, else the start page. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/app';
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  out.textContent = 'Входим…';
  out.className = 'muted';
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  try {
    await api('/api/auth/sign-in', { method: 'POST', body: { email: field('email'), password: field('password') } });
    location.href = nextPath(location.search);
  } catch (err) {
    out.textContent = err instanceof ApiError ? err.message : 'Нет связи с сервером / No connection';
    out.className = 'error';
  }
});
