import { ApiError, api } from './lib/api';
import { dayAt10 } from './lib/forms';
import { fill, islandText } from './lib/island';

/**
 * «Мой день» and the tasks page: each row acts in one click — take a queued call, call through the
 * PBX (the result is shown in the row), mark done, move the due date, put a done task back to work.
 * A change that alters the list (take, done, move, reopen) reloads the page so the order by money and the counters stay true.
 */
const list = document.getElementById('work');
/** The strings this script shows, in the page's language (TODAY_SCRIPT_KEYS, platform/messages/clients.ts). */
const T = islandText<'clients.saving' | 'clients.connecting' | 'clients.offline' | 'clients.pbxCalling'>('today-text');

function say(row: HTMLElement, text: string, kind: 'muted' | 'ok' | 'error') {
  const out = row.querySelector<HTMLElement>('.result');
  if (!out) return;
  out.textContent = text;
  out.className = `result ${kind}`;
}

/** A fresh key per click: the server makes a double click one call, the next click a new one. */
const newKey = () => `today-${crypto.randomUUID()}`;

async function act(row: HTMLElement, action: string, form?: HTMLFormElement) {
  const task = row.dataset['task'];
  const buttons = [...row.querySelectorAll<HTMLButtonElement>('button')];
  buttons.forEach((b) => {
    b.disabled = true;
  });
  say(row, action === 'call' ? T['clients.connecting'] : T['clients.saving'], 'muted');
  try {
    if (action === 'call') {
      const placed = await api<{ phone: string }>('/api/calls', {
        method: 'POST',
        body: {
          phone: row.dataset['phone'],
          ...(row.dataset['company'] ? { companyId: Number(row.dataset['company']) } : {}),
          ...(row.dataset['lead'] ? { leadId: Number(row.dataset['lead']) } : {}),
        },
        idempotencyKey: newKey(),
      });
      say(row, fill(T['clients.pbxCalling'], { phone: placed.phone }), 'ok');
      buttons.forEach((b) => {
        b.disabled = false;
      });
      return;
    }
    if (action === 'take') await api(`/api/tasks/${task}/take`, { method: 'POST' });
    if (action === 'done') await api(`/api/tasks/${task}/complete`, { method: 'POST' });
    if (action === 'reopen') await api(`/api/tasks/${task}`, { method: 'PATCH', body: { done: false } });
    if (action === 'move' && form) {
      const day = (form.elements.namedItem('due') as HTMLInputElement).value;
      await api(`/api/tasks/${task}`, { method: 'PATCH', body: { dueAt: dayAt10(day) } });
    }
    location.reload();
  } catch (err) {
    say(row, err instanceof ApiError ? err.message : T['clients.offline'], 'error');
    buttons.forEach((b) => {
      b.disabled = false;
    });
  }
}

list?.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLButtonElement>('button[data-action]');
  const row = button?.closest<HTMLElement>('li[data-key]');
  if (button && row) void act(row, button.dataset['action']!);
});
list?.addEventListener('submit', (event) => {
  const form = event.target as HTMLFormElement;
  const row = form.closest<HTMLElement>('li[data-key]');
  if (form.dataset['action'] !== 'move' || !row) return;
  event.preventDefault();
  void act(row, 'move', form);
});

/** The admin's «Регион»: choosing one shows its day at once (the «Показать» button does the same without a script). */
const regionPick = document.getElementById('region-pick') as HTMLFormElement | null;
regionPick?.querySelector('select')?.addEventListener('change', () => regionPick.requestSubmit());
