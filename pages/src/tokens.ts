import type { z } from 'zod';
import type { CreatedToken, TokenList, TokenView } from '../../schema/contracts/auth';
import { ApiError, api } from './lib/api';
import { formatDayTime } from './lib/format';
import { fill, islandText } from './lib/island';

/** The tokens page: list, issue (the secret shown once, with each widget's address and snippet), revoke. */
type Token = z.infer<typeof TokenView>;
const list = document.getElementById('tokens')!;
const created = document.getElementById('created')!;
const form = document.getElementById('new-token') as HTMLFormElement;
const widgets = JSON.parse(document.getElementById('widget-choices')?.textContent ?? '[]') as { name: string; title: string }[];
/** The page's strings in the user's language (auth/pages/tokens.tsx TOKENS_SCRIPT_TEXT). */
const text = islandText<string>('tokens-text');
const t = (key: string, values: Record<string, string | number> = {}) => fill(text[`tokens.${key}`] ?? key, values);

/** The user's own time zone (users.time_zone), in the one date format of the app. */
const zone = JSON.parse(document.getElementById('user-zone')?.textContent ?? '"Europe/Moscow"') as string;
const when = (ms: number | null) => (ms ? formatDayTime(ms, zone) : '—');

/** An element with text (never HTML) and children. */
type Props<K extends keyof HTMLElementTagNameMap> = Partial<Omit<HTMLElementTagNameMap[K], 'dataset' | 'style'>> & {
  dataset?: Record<string, string>;
};
function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props<K> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const { dataset, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

async function copy(text: string, button: HTMLButtonElement) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const area = el('textarea', { value: text });
    document.body.append(area);
    area.select();
    document.execCommand('copy');
    area.remove();
  }
  button.textContent = t('copied');
  setTimeout(() => {
    button.textContent = t('copy');
  }, 2000);
}

function copyable(id: string, text: string): HTMLElement {
  const button = el('button', { type: 'button', className: 'secondary', textContent: t('copy') });
  button.addEventListener('click', () => copy(text, button));
  return el('div', { className: 'copy' }, el('code', { id, textContent: text }), button);
}

function embedBlocks(secret: string): HTMLElement[] {
  const origin = location.origin;
  return widgets.map((w) => {
    const url = `${origin}/w/${w.name}?t=${encodeURIComponent(secret)}`;
    const snippet = `<script src="${origin}/w/embed.js" data-widget="${w.name}" data-token="${secret}"></` + 'script>';
    return el(
      'section',
      { className: 'widget-choice', dataset: { widget: w.name } },
      el('h3', { textContent: w.title }),
      el('p', { className: 'muted', textContent: t('iframeUrl') }),
      copyable(`url-${w.name}`, url),
      el('p', { className: 'muted', textContent: t('snippet') }),
      copyable(`snippet-${w.name}`, snippet),
    );
  });
}

function row(token: Token): HTMLElement {
  let action: Node | string = t('revoked', { when: when(token.revokedAt) });
  if (!token.revokedAt) {
    const revoke = el('button', { className: 'secondary', textContent: t('revoke') });
    revoke.style.margin = '0';
    revoke.addEventListener('click', async () => {
      if (!confirm(t('askRevoke'))) return;
      await api(`/api/tokens/${token.id}`, { method: 'DELETE' });
      await load();
    });
    action = revoke;
  }
  return el(
    'tr',
    { dataset: { tokenId: String(token.id) } },
    el('td', { textContent: token.kind === 'api' ? text['tokens.kind.api']! : text['tokens.kind.widget']! }),
    el('td', { textContent: token.name, translate: false, dataset: { value: '' } }),
    el('td', {}, el('code', { textContent: `${token.prefix}…` })),
    el('td', { textContent: when(token.createdAt) }),
    el('td', { textContent: when(token.lastUsedAt) }),
    el('td', {}, action),
  );
}

async function load() {
  const { items } = await api<z.infer<typeof TokenList>>('/api/tokens');
  list.replaceChildren(
    ...(items.length ? items.map(row) : [el('tr', {}, el('td', { colSpan: 6, className: 'muted', textContent: t('none') }))]),
  );
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const field = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value;
  try {
    const issued = await api<z.infer<typeof CreatedToken>>('/api/tokens', {
      method: 'POST',
      body: { kind: field('kind'), name: field('name') },
    });
    created.replaceChildren(
      el('p', { className: 'ok', textContent: t('secretOnce') }),
      copyable('secret', issued.secret),
      ...(issued.token.kind === 'embed' ? embedBlocks(issued.secret) : []),
    );
    form.reset();
    await load();
  } catch (err) {
    created.replaceChildren(el('p', { className: 'error', textContent: err instanceof ApiError ? err.message : String(err) }));
  }
});

void load();
