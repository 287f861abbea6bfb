/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { listRoster } from '../users/roster';

type Roster = Awaited<ReturnType<typeof listRoster>>;

const ROLE_RU = { manager: 'Менеджер', head: 'Руководитель', admin: 'Администратор' } as const;

/**
 * The admin's users page: everyone with his regions, clients and open tasks; «Отключить» ends a
 * leaving person's sessions and tokens at once; «Передать клиентов» hands his book to colleagues of
 * his region (pages/src/admin-users.ts does both through the API, with a confirmation).
 */
export function UsersView({ roster, selfId }: { roster: Roster; selfId: number }): Child {
  const managers = roster.filter((u) => u.role === 'manager' && u.active);
  return (
    <div class="card">
      <h1 style="margin-top:0">Пользователи</h1>
      <p class="muted">
        Уходящего сотрудника сначала освободите от клиентов («Передать клиентов» — поровну выбранным коллегам его региона), затем
        «Отключить»: его сессии, токены расширения и виджетов 1С перестают действовать сразу, звонки к нему больше не направляются.
      </p>
      <p id="users-status" role="status" aria-live="polite" class="muted"></p>
      <table id="users">
        <thead>
          <tr>
            <th>Имя</th>
            <th>E-mail</th>
            <th>Роль</th>
            <th>Регионы</th>
            <th>Внутр. номер</th>
            <th>Клиентов</th>
            <th>Открытых задач</th>
            <th>Состояние</th>
            <th>Действия</th>
          </tr>
        </thead>
        <tbody>
          {roster.map((u) => {
            const colleagues = managers.filter((m) => m.id !== u.id && m.regionIds.some((r) => u.regionIds.includes(r)));
            return (
              <tr data-user={String(u.id)} class={u.active ? '' : 'muted'}>
                <td>{u.name}</td>
                <td>{u.email}</td>
                <td>{ROLE_RU[u.role]}</td>
                <td>{u.regions}</td>
                <td>{u.extension ?? '—'}</td>
                <td data-clients>{u.clients}</td>
                <td>{u.openTasks}</td>
                <td data-state>{u.active ? 'Активен' : 'Отключён'}</td>
                <td>
                  {u.id === selfId ? (
                    <span class="muted">это вы</span>
                  ) : u.active ? (
                    <button type="button" class="secondary" data-deactivate={String(u.id)} data-name={u.name}>
                      Отключить
                    </button>
                  ) : (
                    <button type="button" class="secondary" data-activate={String(u.id)} data-name={u.name}>
                      Включить
                    </button>
                  )}
                  {u.clients > 0 && colleagues.length > 0 ? (
                    <form data-hand-over={String(u.id)} data-name={u.name} style="margin-top:6px">
                      <fieldset>
                        <legend>Передать клиентов</legend>
                        {colleagues.map((m) => (
                          <label style="display:block">
                            <input type="checkbox" name="to" value={String(m.id)} /> {m.name}
                          </label>
                        ))}
                        <button type="submit">Передать клиентов</button>
                      </fieldset>
                    </form>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
