import { ApiError, api } from './lib/api';
import { bindLangSwitch, pageLang } from './lib/lang';
import { safeNextPath } from './lib/next-path';

/** The sign-in form: the server's message on refusal (in the page's language), the page asked for (same site only) on success. */
const form = document.getElementById('sign-in') as HTMLFormElement;
const out = document.getElementById('message')!;
const text = JSON.parse(document.getElementById('sign-in-text')?.textContent ?? '{}') as Record<
  'signIn.progress' | 'signIn.offline',
  string
>;
const lang = pageLang();

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  out.textContent = text['signIn.progress'];
  out.className = 'muted';
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
  try {
    await api('/api/auth/sign-in', { method: 'POST', body: { email: field('email'), password: field('password') }, lang });
    location.href = safeNextPath(new URLSearchParams(location.search).get('next'), location.origin);
  } catch (err) {
    out.textContent = err instanceof ApiError && err.status !== 0 ? err.message : text['signIn.offline'];
    out.className = 'error';
  }
});

bindLangSwitch({ save: false });
