import type { z } from 'zod';
import type { HandOverResult } from '../../schema/contracts/companies';
import type { UserDeactivateResult } from '../../schema/contracts/directory';
import { ApiError, api } from './lib/api';

/** The admin's users page: «Отключить» / «Включить» and «Передать клиентов», each confirmed first and reported in the status line. */
const status = document.getElementById('users-status')!;
const say = (text: string) => {
  status.textContent = text;
};
const failure = (err: unknown) => (err instanceof ApiError ? err.message : String(err));

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
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const to = [...form.querySelectorAll<HTMLInputElement>('input[name="to"]:checked')].map((i) => Number(i.value));
    const name = form.dataset['name'] ?? '';
    if (!to.length) return say('Отметьте, кому передать клиентов.');
    if (!confirm(`Передать всех клиентов ${name} выбранным коллегам (${to.length}) поровну?`)) return;
    const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    submit.disabled = true;
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
      submit.disabled = false;
      say(`Не получилось: ${failure(err)}`);
    }
  });
}
