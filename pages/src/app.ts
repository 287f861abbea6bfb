import { fill } from './lib/island';
import { bindLangSwitch, pageLang } from './lib/lang';

/**
 * Every signed-in page: the header's search box (suggestions as you type, ↑/↓/Enter/Esc; Enter with
 * nothing chosen opens /app/clients?q=…), the phone layout's menu button, the language switch and «Выйти».
 */
interface Hit {
  id: number;
  name: string;
  inn: string | null;
  ownerName: string | null;
  matchedBy: 'inn' | 'phone' | 'email' | 'text';
}
type ShellText = Record<
  'search.none' | 'search.all' | 'search.byInn' | 'search.byPhone' | 'search.byEmail' | 'search.pool' | 'search.failed' | 'menu.todayCount',
  string
>;

const text = JSON.parse(document.getElementById('shell-text')?.textContent ?? '{}') as ShellText;
const header = document.getElementById('top');

document.getElementById('sign-out')?.addEventListener('click', async () => {
  await fetch('/api/auth/sign-out', { method: 'POST' });
  location.href = '/sign-in';
});

const menuButton = document.getElementById('menu-toggle');
menuButton?.addEventListener('click', () => {
  const open = header?.classList.toggle('open') ?? false;
  menuButton.setAttribute('aria-expanded', String(open));
});

bindLangSwitch({ save: true });

const form = document.getElementById('search') as HTMLFormElement | null;
const input = document.getElementById('search-q') as HTMLInputElement | null;
const list = document.getElementById('search-list') as HTMLUListElement | null;

if (form && input && list) {
  let hits: Hit[] = [];
  let active = -1;
  let asked = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };

  const mark = (index: number) => {
    active = index;
    [...list.querySelectorAll<HTMLLIElement>('li[role=option]')].forEach((li, i) => li.setAttribute('aria-selected', String(i === index)));
    if (index >= 0) input.setAttribute('aria-activedescendant', `search-hit-${index}`);
    else input.removeAttribute('aria-activedescendant');
  };

  const why = (h: Hit) => {
    if (h.matchedBy === 'inn' && h.inn) return `${text['search.byInn']} ${h.inn}`;
    if (h.matchedBy === 'phone') return text['search.byPhone'];
    if (h.matchedBy === 'email') return text['search.byEmail'];
    return h.inn ? `${text['search.byInn']} ${h.inn}` : '';
  };

  const note = (message: string) => {
    const li = document.createElement('li');
    li.className = 'note';
    li.textContent = message;
    return li;
  };

  const show = (q: string) => {
    // A later answer keeps the client chosen with ↓ chosen, if it is still among the hits.
    const chosen = active >= 0 ? list.querySelector<HTMLLIElement>(`#search-hit-${active}`)?.dataset['href'] : undefined;
    list.replaceChildren(
      ...hits.map((h, i) => {
        const li = document.createElement('li');
        li.id = `search-hit-${i}`;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        li.dataset['href'] = `/app/clients/${h.id}`;
        const name = document.createElement('b');
        name.textContent = h.name;
        const meta = document.createElement('small');
        meta.textContent = [why(h), h.ownerName ?? text['search.pool']].filter(Boolean).join(' · ');
        li.append(name, meta);
        return li;
      }),
    );
    if (!hits.length) list.append(note(text['search.none']));
    list.dataset['for'] = q;
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    mark(chosen ? hits.findIndex((h) => `/app/clients/${h.id}` === chosen) : -1);
  };

  const suggest = async () => {
    const q = input.value.trim();
    if (q.length < 2) {
      hits = [];
      asked = q;
      close();
      return;
    }
    asked = q;
    try {
      const res = await fetch(`/api/search?q=${encodeURIComponent(q)}&limit=8`, {
        headers: { accept: 'application/json', 'accept-language': pageLang() },
      });
      if (q !== asked) return; // a later keystroke already asked again
      hits = res.ok ? ((await res.json()) as { items: Hit[] }).items : [];
      if (!res.ok) {
        list.replaceChildren(note(text['search.failed']));
        list.hidden = false;
        return;
      }
      show(q);
    } catch {
      if (q === asked) {
        list.replaceChildren(note(text['search.failed']));
        list.hidden = false;
      }
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });

  input.addEventListener('keydown', (event) => {
    const open = !list.hidden && hits.length > 0;
    if (event.key === 'ArrowDown' && open) {
      event.preventDefault();
      mark((active + 1) % hits.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      mark(active <= 0 ? hits.length - 1 : active - 1);
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      location.href = `/app/clients/${hits[active]!.id}`;
    } else if (event.key === 'Escape') {
      if (!list.hidden) {
        event.preventDefault();
        close();
      } else input.value = '';
    }
  });

  // Enter with nothing chosen submits the form: the full list at /app/clients?q=…
  form.addEventListener('submit', (event) => {
    if (!input.value.trim()) event.preventDefault();
  });

  list.addEventListener('mousedown', (event) => {
    const li = (event.target as HTMLElement).closest<HTMLLIElement>('li[role=option]');
    if (li?.dataset['href']) {
      event.preventDefault();
      location.href = li.dataset['href'];
    }
  });

  input.addEventListener('blur', () => setTimeout(close, 100));
}

// The «Мой день» menu item's badge: overdue tasks + calls to return.
const badge = document.getElementById('menu-today-count');
if (badge) {
  fetch('/api/today/counts', { headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? (r.json() as Promise<{ overdue: number; missed: number }>) : null))
    .then((counts) => {
      if (!counts || counts.overdue + counts.missed === 0) return;
      badge.textContent = String(counts.overdue + counts.missed);
      badge.title = fill(text['menu.todayCount'], { overdue: counts.overdue, missed: counts.missed });
      badge.hidden = false;
    })
    .catch(() => undefined);
}
