import type { z } from 'zod';
import type { HandOverPreview, UserCreateResult, UserUpdateResult } from '../../schema/contracts/admin';
import type { HandOverResult } from '../../schema/contracts/companies';
import type { UserDeactivateResult } from '../../schema/contracts/directory';
import { ApiError, api } from './lib/api';

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
const ROLE_RU: Record<string, string> = { manager: 'Менеджер', head: 'Руководитель', admin: 'Администратор' };

/** Role, regions, extension and time zone as the add and edit forms hold them. */
function fields(form: HTMLFormElement) {
  const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value.trim() ?? '';
  const checked = [...form.querySelectorAll<HTMLInputElement>('input[name="region"]:checked')];
  return {
    role: value('role'),
    regionIds: checked.map((i) => Number(i.value)),
    regionNames: checked.map((i) => i.parentElement?.textContent?.trim() ?? '').join(', '),
    phoneExtension: value('extension') || null,
    timeZone: value('timeZone') || 'Europe/Moscow',
  };
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-deactivate], [data-activate]')) {
  button.addEventListener('click', async () => {
    const off = button.dataset['deactivate'] !== undefined;
    const id = button.dataset['deactivate'] ?? button.dataset['activate'];
    const name = button.dataset['name'] ?? '';
    const question = off
      ? `Отключить ${name}? Его сессии и токены (расширение, виджеты 1С) перестанут действовать сразу.`
      : `Снова включить ${name}? Он сможет войти; отозванные токены придётся выпустить заново.`;
    if (!confirm(question)) return;
    button.disabled = true;
    say(off ? 'Отключаю…' : 'Включаю…');
    try {
      const r = await api<z.infer<typeof UserDeactivateResult>>(`/api/users/${id}/${off ? 'deactivate' : 'activate'}`, {
        method: 'POST',
        body: {},
      });
      const row = button.closest('tr')!;
      row.querySelector('[data-state]')!.textContent = r.active ? 'Активен' : 'Отключён';
      button.remove();
      say(
        r.active
          ? `${name}: снова активен.`
          : `${name} отключён: завершено сессий ${r.sessionsEnded}, отозвано токенов ${r.tokensRevoked}.` +
              (r.clientsStillOwned ? ` За ним ещё ${r.clientsStillOwned} клиентов — передайте их коллегам.` : ''),
      );
    } catch (err) {
      button.disabled = false;
      say(`Не получилось: ${failure(err)}`);
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
    if (!to.length) return say('Отметьте, кому передать клиентов.');
    submit.disabled = true;
    say('Считаю, кому что уйдёт…');
    try {
      const p = await api<z.infer<typeof HandOverPreview>>(`/api/users/${form.dataset['handOver']}/hand-over/preview?to=${to.join(',')}`);
      showPreview(p, to);
      say(`Проверьте и подтвердите: ${name} передаёт клиентов ${p.companies}, открытых сделок ${p.leads}, задач ${p.tasks}.`);
    } catch (err) {
      say(`Не получилось: ${failure(err)}`);
    } finally {
      submit.disabled = false;
    }
  });

  function showPreview(p: z.infer<typeof HandOverPreview>, to: number[]) {
    const table = document.createElement('table');
    table.setAttribute('data-preview-table', '');
    const head = table.createTHead().insertRow();
    for (const title of ['Кому', 'Клиентов', 'Сделок', 'Задач']) head.appendChild(document.createElement('th')).textContent = title;
    const body = table.createTBody();
    for (const u of p.byUser) {
      const row = body.insertRow();
      row.dataset['to'] = String(u.userId);
      for (const cell of [u.name, u.companies, u.leads, u.tasks]) row.insertCell().textContent = String(cell);
    }
    const confirmButton = document.createElement('button');
    confirmButton.type = 'button';
    confirmButton.dataset['confirmHandOver'] = '';
    confirmButton.textContent = `Подтвердить передачу ${p.companies} клиентов`;
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'secondary';
    cancel.textContent = 'Отмена';
    cancel.style.marginLeft = '8px';
    cancel.addEventListener('click', () => {
      preview.hidden = true;
      preview.replaceChildren();
      say('Передача отменена.');
    });
    confirmButton.addEventListener('click', async () => {
      confirmButton.disabled = true;
      say('Передаю клиентов…');
      try {
        const r = await api<z.infer<typeof HandOverResult>>(`/api/users/${form.dataset['handOver']}/hand-over`, {
          method: 'POST',
          body: { toUserIds: to },
        });
        form.closest('tr')!.querySelector('[data-clients]')!.textContent = '0';
        form.remove();
        say(`Передано: клиентов ${r.companies}, сделок ${r.leads}, задач ${r.tasks}.`);
      } catch (err) {
        confirmButton.disabled = false;
        say(`Не получилось: ${failure(err)}`);
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
        body: { role: f.role, regionIds: f.regionIds, phoneExtension: f.phoneExtension, timeZone: f.timeZone },
      });
      const row = form.closest('tr')!;
      row.querySelector('[data-role]')!.textContent = ROLE_RU[f.role] ?? f.role;
      row.querySelector('[data-regions]')!.textContent = f.regionNames || '—';
      row.querySelector('[data-extension]')!.textContent = f.phoneExtension ?? '—';
      form.closest('details')!.open = false;
      say(r.changed.length ? `${form.dataset['name']}: сохранено.` : `${form.dataset['name']}: ничего не изменилось.`);
    } catch (err) {
      say(`Не получилось: ${failure(err)}`);
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
      },
    });
    document.getElementById('new-password-value')!.textContent = r.initialPassword;
    document.getElementById('new-password')!.hidden = false;
    add.reset();
    say(`Добавлен пользователь ${r.email}.`);
  } catch (err) {
    say(`Не получилось добавить: ${failure(err)}`);
  } finally {
    submit.disabled = false;
  }
});
