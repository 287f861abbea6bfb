/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { listAllRegions, listRoster } from '../users/roster';
import { StackStyle } from './stack';

type Roster = Awaited<ReturnType<typeof listRoster>>;
type Regions = Awaited<ReturnType<typeof listAllRegions>>;

export const ROLE_RU = { manager: 'Менеджер', head: 'Руководитель', admin: 'Администратор' } as const;
const ROLES = Object.entries(ROLE_RU) as [keyof typeof ROLE_RU, string][];

/** The fields shared by «Добавить» and «Изменить»: role, regions, extension, time zone. */
function UserFields({
  prefix,
  regions,
  role,
  regionIds,
  extension,
  timeZone,
}: {
  prefix: string;
  regions: Regions;
  role: keyof typeof ROLE_RU;
  regionIds: number[];
  extension: string | null;
  timeZone: string;
}): Child {
  return (
    <>
      <label for={`${prefix}-role`}>Роль</label>
      <select id={`${prefix}-role`} name="role">
        {ROLES.map(([value, label]) => (
          <option value={value} selected={value === role}>
            {label}
          </option>
        ))}
      </select>
      <fieldset style="border:0;padding:0;margin:10px 0 0">
        <legend class="muted">Регионы (менеджер работает в них, руководитель ими руководит; у администратора регионов нет)</legend>
        {regions.map((r) => (
          <label style="display:inline-block;margin-right:14px;color:inherit">
            <input type="checkbox" name="region" value={String(r.id)} checked={regionIds.includes(r.id)} style="width:auto" /> {r.name}
          </label>
        ))}
      </fieldset>
      <label for={`${prefix}-extension`}>Внутренний номер АТС</label>
      <input id={`${prefix}-extension`} name="extension" inputmode="numeric" value={extension ?? ''} placeholder="например, 101" />
      <label for={`${prefix}-tz`}>Часовой пояс</label>
      <input id={`${prefix}-tz`} name="timeZone" value={timeZone} list="time-zones" />
    </>
  );
}

/**
 * The admin's users page: add a user (his initial password is shown once), edit role / regions /
 * extension / time zone, «Передать клиентов» with a preview of who gets how many clients, leads and
 * tasks and a confirmation, «Отключить» (pages/src/admin-users.ts, all through the API).
 */
export function UsersView({ roster, regions, selfId }: { roster: Roster; regions: Regions; selfId: number }): Child {
  const managers = roster.filter((u) => u.role === 'manager' && u.active);
  const zones = [...new Set(['Europe/Moscow', ...regions.map((r) => r.time_zone)])];
  return (
    <>
      <StackStyle />
      <div class="card">
        <h1 style="margin-top:0">Пользователи</h1>
        <p class="muted">
          Уходящего сотрудника сначала освободите от клиентов («Передать клиентов»: отметьте коллег, посмотрите, кому что уйдёт, и
          подтвердите), затем «Отключить»: его сессии, токены расширения и виджетов 1С перестают действовать сразу, звонки к нему больше не
          направляются.
        </p>
        <p id="users-status" role="status" aria-live="polite" class="muted"></p>
        <datalist id="time-zones">
          {zones.map((z) => (
            <option value={z} />
          ))}
        </datalist>
        <div style="overflow-x:auto">
          <table id="users" class="stack">
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
                    <td data-label="Имя">{u.name}</td>
                    <td data-label="E-mail">{u.email}</td>
                    <td data-label="Роль" data-role>
                      {ROLE_RU[u.role]}
                    </td>
                    <td data-label="Регионы" data-regions>
                      {u.regions}
                    </td>
                    <td data-label="Внутр. номер" data-extension>
                      {u.extension ?? '—'}
                    </td>
                    <td data-label="Клиентов" data-clients>
                      {u.clients}
                    </td>
                    <td data-label="Открытых задач">{u.openTasks}</td>
                    <td data-label="Состояние" data-state>
                      {u.active ? 'Активен' : 'Отключён'}
                    </td>
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
                      <details data-edit={String(u.id)}>
                        <summary>Изменить</summary>
                        <form data-edit-user={String(u.id)} data-name={u.name}>
                          <UserFields
                            prefix={`edit-${u.id}`}
                            regions={regions}
                            role={u.role}
                            regionIds={u.regionIds}
                            extension={u.extension}
                            timeZone={u.timeZone}
                          />
                          <button type="submit">Сохранить</button>
                        </form>
                      </details>
                      {u.clients > 0 && colleagues.length > 0 ? (
                        <form data-hand-over={String(u.id)} data-name={u.name} style="margin-top:6px">
                          <fieldset>
                            <legend>Передать клиентов</legend>
                            {colleagues.map((m) => (
                              <label style="display:block;color:inherit">
                                <input type="checkbox" name="to" value={String(m.id)} style="width:auto" /> {m.name}
                              </label>
                            ))}
                            <button type="submit">Передать клиентов…</button>
                            <div data-preview hidden></div>
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
      </div>
      <div class="card">
        <h2 style="margin-top:0">Добавить пользователя</h2>
        <form id="add-user">
          <label for="new-name">Имя и фамилия</label>
          <input id="new-name" name="name" required maxlength={200} autocomplete="off" />
          <label for="new-email">E-mail (вход)</label>
          <input id="new-email" name="email" type="email" required autocomplete="off" />
          <UserFields prefix="new" regions={regions} role="manager" regionIds={[]} extension={null} timeZone="Europe/Moscow" />
          <button type="submit">Добавить</button>
        </form>
        <div id="new-password" hidden>
          <p>
            Пользователь добавлен. Начальный пароль (показывается один раз, передайте его лично, не по почте):{' '}
            <code id="new-password-value"></code>
          </p>
          <p>
            <a href="/app/admin/users">Обновить список</a>
          </p>
        </div>
      </div>
    </>
  );
}
