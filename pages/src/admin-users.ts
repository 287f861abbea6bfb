import type { z } from 'zod';
import type { HandOverPreview, UserCreateResult, UserUpdateResult } from '../../schema/contracts/admin';
import type { HandOverResult } from '../../schema/contracts/companies';
import type { UserDeactivateResult } from '../../schema/contracts/directory';
import { ApiError, api } from './lib/api';
import { fill, islandText } from './lib/island';

/**
 * The admin's users page: add a user (the initial password shown once), edit one, «Отключить» /
 * «Включить» (confirmed first), and «Передать клиентов» — a preview of who gets what, then
 * «Подтвердить передачу». Every outcome is said in the status line.
 */
const status = document.getElementById('users-status')!;
const say = (text: string) => {
  status.textContent = text;
};
const failure = (err: unknown) => (err instanceof ApiError ? err.message : String(err));
/** The page's strings in the user's language (admin/pages/users.tsx USERS_SCRIPT_TEXT). */
const text = islandText<string>('users-text');
const t = (key: string, values: Record<string, string | number> = {}) => fill(text[`admin.users.${key}`] ?? key, values);
const roleName = (role: string) => text[`admin.role.${role}`] ?? role;
const langName = (lang: string) => text[`admin.lang.${lang}`] ?? lang;

/** Role, regions, extension, time zone and language as the add and edit forms hold them. */
function fields(form: HTMLFormElement) {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? '';
  const checked = [...form.querySelectorAll<HTMLInputElement>('input[name="region"]:checked')];
  return {
    role: value('role'),
    regionIds: checked.map((i) => Number(i.value)),
    regionNames: checked.map((i) => i.parentElement?.textContent?.trim() ?? '').join(', '),
    phoneExtension: value('extension') || null,
    timeZone: value('timeZone') || 'Europe/Moscow',
    lang: value('lang') === 'en' ? ('en' as const) : ('ru' as const),
  };
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-deactivate], [data-activate]')) {
  button.addEventListener('click', async () => {
    const off = button.dataset['deactivate'] !== undefined;
    const id = button.dataset['deactivate'] ?? button.dataset['activate'];
    const name = button.dataset['name'] ?? '';
    const question = t(off ? 'askDeactivate' : 'askActivate', { name });
    if (!confirm(question)) return;
    button.disabled = true;
    say(t(off ? 'deactivating' : 'activating'));
    try {
      const r = await api<z.infer<typeof UserDeactivateResult>>(`/api/users/${id}/${off ? 'deactivate' : 'activate'}`, {
        method: 'POST',
        body: {},
      });
      const row = button.closest('tr')!;
      row.querySelector('[data-state]')!.textContent = t(r.active ? 'active' : 'inactive');
      button.remove();
      say(
        r.active
          ? t('activeAgain', { name })
          : t('deactivated', { name, sessions: r.sessionsEnded, tokens: r.tokensRevoked }) +
              (r.clientsStillOwned ? t('stillOwns', { clients: r.clientsStillOwned }) : ''),
      );
    } catch (err) {
      button.disabled = false;
      say(t('failed', { error: failure(err) }));
    }
  });
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-hand-over]')) {
  const preview = form.querySelector<HTMLElement>('[data-preview]')!;
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const receivers = () => [...form.querySelectorAll<HTMLInputElement>('input[name="to"]:checked')].map((i) => Number(i.value));
  const name = form.dataset['name'] ?? '';
  // Changing whom to give to makes the shown preview stale: it is asked again.
  form.addEventListener('change', () => {
    preview.hidden = true;
    preview.replaceChildren();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const to = receivers();
    if (!to.length) return say(t('pickReceivers'));
    submit.disabled = true;
    say(t('previewing'));
    try {
      const p = await api<z.infer<typeof HandOverPreview>>(`/api/users/${form.dataset['handOver']}/hand-over/preview?to=${to.join(',')}`);
      showPreview(p, to);
      say(t('previewed', { name, clients: p.companies, leads: p.leads, tasks: p.tasks }));
    } catch (err) {
      say(t('failed', { error: failure(err) }));
    } finally {
      submit.disabled = false;
    }
  });

  function showPreview(p: z.infer<typeof HandOverPreview>, to: number[]) {
    const table = document.createElement('table');
    table.setAttribute('data-preview-table', '');
    const head = table.createTHead().insertRow();
    for (const title of ['to', 'clients', 'leads', 'tasks'].map((k) => t(`preview.${k}`)))
      head.appendChild(document.createElement('th')).textContent = title;
    const body = table.createTBody();
    for (const u of p.byUser) {
      const row = body.insertRow();
      row.dataset['to'] = String(u.userId);
      for (const cell of [u.name, u.companies, u.leads, u.tasks]) row.insertCell().textContent = String(cell);
    }
    const confirmButton = document.createElement('button');
    confirmButton.type = 'button';
    confirmButton.dataset['confirmHandOver'] = '';
    confirmButton.textContent = t('confirmHandOver', { clients: p.companies });
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'secondary';
    cancel.textContent = t('cancel');
    cancel.style.marginLeft = '8px';
    cancel.addEventListener('click', () => {
      preview.hidden = true;
      preview.replaceChildren();
      say(t('handOverCancelled'));
    });
    confirmButton.addEventListener('click', async () => {
      confirmButton.disabled = true;
      say(t('handingOver'));
      try {
        const r = await api<z.infer<typeof HandOverResult>>(`/api/users/${form.dataset['handOver']}/hand-over`, {
          method: 'POST',
          body: { toUserIds: to },
        });
        form.closest('tr')!.querySelector('[data-clients]')!.textContent = '0';
        form.remove();
        say(t('handedOver', { clients: r.companies, leads: r.leads, tasks: r.tasks }));
      } catch (err) {
        confirmButton.disabled = false;
        say(t('failed', { error: failure(err) }));
      }
    });
    preview.replaceChildren(table, confirmButton, cancel);
    preview.hidden = false;
  }
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[data-edit-user]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = fields(form);
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    submit.disabled = true;
    try {
      const r = await api<z.infer<typeof UserUpdateResult>>(`/api/users/${form.dataset['editUser']}`, {
        method: 'PATCH',
        body: { role: f.role, regionIds: f.regionIds, phoneExtension: f.phoneExtension, timeZone: f.timeZone, lang: f.lang },
      });
      const row = form.closest('tr')!;
      row.querySelector('[data-role]')!.textContent = roleName(f.role);
      row.querySelector('[data-regions]')!.textContent = f.regionNames || '—';
      row.querySelector('[data-extension]')!.textContent = f.phoneExtension ?? '—';
      row.querySelector('[data-lang-cell]')!.textContent = langName(f.lang);
      form.closest('details')!.open = false;
      say(t(r.changed.length ? 'saved' : 'unchanged', { name: form.dataset['name'] ?? '' }));
    } catch (err) {
      say(t('failed', { error: failure(err) }));
    } finally {
      submit.disabled = false;
    }
  });
}

const add = document.getElementById('add-user') as HTMLFormElement | null;
add?.addEventListener('submit', async (event) => {
  event.preventDefault();
  const f = fields(add);
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement).value.trim();
  const submit = add.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  submit.disabled = true;
  try {
    const r = await api<z.infer<typeof UserCreateResult>>('/api/users', {
      method: 'POST',
      body: {
        name: value('new-name'),
        email: value('new-email'),
        role: f.role,
        regionIds: f.regionIds,
        phoneExtension: f.phoneExtension,
        timeZone: f.timeZone,
        lang: f.lang,
      },
    });
    document.getElementById('new-password-value')!.textContent = r.initialPassword;
    document.getElementById('new-password')!.hidden = false;
    add.reset();
    say(t('addedStatus', { email: r.email }));
  } catch (err) {
    say(t('addFailed', { error: failure(err) }));
  } finally {
    submit.disabled = false;
  }
});
