/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, msg } from '../../platform/i18n';
import type { listAllRegions, listRoster } from '../users/roster';
import { StackStyle } from './stack';

type Roster = Awaited<ReturnType<typeof listRoster>>;
type Regions = Awaited<ReturnType<typeof listAllRegions>>;
type Role = Roster[number]['role'];

const ROLES: readonly Role[] = ['manager', 'head', 'admin'];
const LANGS: readonly Lang[] = ['ru', 'en'];

/** The strings admin-users.ts shows (statuses, confirmations, the hand-over preview), through the JSON island. */
export const USERS_SCRIPT_TEXT = [
  'admin.role.manager',
  'admin.role.head',
  'admin.role.admin',
  'admin.lang.ru',
  'admin.lang.en',
  'admin.users.active',
  'admin.users.inactive',
  'admin.users.askDeactivate',
  'admin.users.askActivate',
  'admin.users.deactivating',
  'admin.users.activating',
  'admin.users.activeAgain',
  'admin.users.deactivated',
  'admin.users.stillOwns',
  'admin.users.failed',
  'admin.users.addFailed',
  'admin.users.pickReceivers',
  'admin.users.previewing',
  'admin.users.previewed',
  'admin.users.preview.to',
  'admin.users.preview.clients',
  'admin.users.preview.leads',
  'admin.users.preview.tasks',
  'admin.users.confirmHandOver',
  'admin.users.cancel',
  'admin.users.handOverCancelled',
  'admin.users.handingOver',
  'admin.users.handedOver',
  'admin.users.saved',
  'admin.users.unchanged',
  'admin.users.addedStatus',
] as const satisfies readonly MessageKey[];

/** A select of values with their titles, one chosen. */
function Choice({ id, name, options, chosen }: { id: string; name: string; options: [string, string][]; chosen: string }): Child {
  return (
    <select id={id} name={name}>
      {options.map(([value, title]) => (
        <option value={value} selected={value === chosen}>
          {title}
        </option>
      ))}
    </select>
  );
}

/** The fields shared by «Добавить» and «Изменить»: role, regions, extension, time zone, interface language. */
function UserFields({
  prefix,
  regions,
  role,
  regionIds,
  extension,
  timeZone,
  userLang,
  lang,
}: {
  prefix: string;
  regions: Regions;
  role: Role;
  regionIds: number[];
  extension: string | null;
  timeZone: string;
  userLang: Lang;
  lang: Lang;
}): Child {
  const m = (k: MessageKey) => msg(k, lang);
  return (
    <>
      <label for={`${prefix}-role`}>{m('admin.users.role')}</label>
      <Choice id={`${prefix}-role`} name="role" options={ROLES.map((v) => [v, m(`admin.role.${v}`)])} chosen={role} />
      <fieldset style="border:0;padding:0;margin:10px 0 0">
        <legend class="muted">{m('admin.users.regionsLegend')}</legend>
        {regions.map((r) => (
          <label style="display:inline-block;margin-right:14px;color:inherit">
            <input type="checkbox" name="region" value={String(r.id)} checked={regionIds.includes(r.id)} style="width:auto" />{' '}
            <span translate="no">{r.name}</span>
          </label>
        ))}
      </fieldset>
      <label for={`${prefix}-extension`}>{m('admin.users.extension')}</label>
      <input
        id={`${prefix}-extension`}
        name="extension"
        inputmode="numeric"
        value={extension ?? ''}
        placeholder={m('admin.users.extensionExample')}
      />
      <label for={`${prefix}-tz`}>{m('admin.users.timeZone')}</label>
      <input id={`${prefix}-tz`} name="timeZone" value={timeZone} list="time-zones" />
      <label for={`${prefix}-lang`}>{m('admin.users.lang')}</label>
      <Choice id={`${prefix}-lang`} name="lang" options={LANGS.map((v) => [v, m(`admin.lang.${v}`)])} chosen={userLang} />
    </>
  );
}

/**
 * The admin's users page: add a user (his initial password is shown once), edit role / regions /
 * extension / time zone / language, «Передать клиентов» with a preview of who gets how many clients, leads and
 * tasks and a confirmation, «Отключить» (pages/src/admin-users.ts, all through the API). Names, e-mails and
 * regions are data (`translate="no"`), shown as stored in either language.
 */
export function UsersView({ roster, regions, selfId, lang }: { roster: Roster; regions: Regions; selfId: number; lang: Lang }): Child {
  const m = (k: MessageKey) => msg(k, lang);
  const managers = roster.filter((u) => u.role === 'manager' && u.active);
  const zones = [...new Set(['Europe/Moscow', ...regions.map((r) => r.time_zone)])];
  return (
    <>
      <StackStyle />
      <div class="card">
        <h1 style="margin-top:0">{m('admin.users.title')}</h1>
        <p class="muted">{m('admin.users.intro')}</p>
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
                <th>{m('admin.users.col.name')}</th>
                <th>{m('admin.users.col.email')}</th>
                <th>{m('admin.users.col.role')}</th>
                <th>{m('admin.users.col.regions')}</th>
                <th>{m('admin.users.col.extension')}</th>
                <th>{m('admin.users.col.lang')}</th>
                <th>{m('admin.users.col.clients')}</th>
                <th>{m('admin.users.col.openTasks')}</th>
                <th>{m('admin.users.col.state')}</th>
                <th>{m('admin.users.col.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {roster.map((u) => {
                const colleagues = managers.filter((c) => c.id !== u.id && c.regionIds.some((r) => u.regionIds.includes(r)));
                return (
                  <tr data-user={String(u.id)} class={u.active ? '' : 'muted'}>
                    <td data-label={m('admin.users.col.name')} translate="no" data-value>
                      {u.name}
                    </td>
                    <td data-label={m('admin.users.col.email')} translate="no" data-value>
                      {u.email}
                    </td>
                    <td data-label={m('admin.users.col.role')} data-role>
                      {m(`admin.role.${u.role}`)}
                    </td>
                    <td data-label={m('admin.users.col.regions')} data-regions translate="no" data-value>
                      {u.regions}
                    </td>
                    <td data-label={m('admin.users.col.extension')} data-extension>
                      {u.extension ?? '—'}
                    </td>
                    <td data-label={m('admin.users.col.lang')} data-lang-cell>
                      {m(`admin.lang.${u.lang}`)}
                    </td>
                    <td data-label={m('admin.users.col.clients')} data-clients>
                      {u.clients}
                    </td>
                    <td data-label={m('admin.users.col.openTasks')}>{u.openTasks}</td>
                    <td data-label={m('admin.users.col.state')} data-state>
                      {u.active ? m('admin.users.active') : m('admin.users.inactive')}
                    </td>
                    <td>
                      {u.id === selfId ? (
                        <span class="muted">{m('admin.users.self')}</span>
                      ) : u.active ? (
                        <button type="button" class="secondary" data-deactivate={String(u.id)} data-name={u.name}>
                          {m('admin.users.deactivate')}
                        </button>
                      ) : (
                        <button type="button" class="secondary" data-activate={String(u.id)} data-name={u.name}>
                          {m('admin.users.activate')}
                        </button>
                      )}
                      <details data-edit={String(u.id)}>
                        <summary>{m('admin.users.edit')}</summary>
                        <form data-edit-user={String(u.id)} data-name={u.name}>
                          <UserFields
                            prefix={`edit-${u.id}`}
                            regions={regions}
                            role={u.role}
                            regionIds={u.regionIds}
                            extension={u.extension}
                            timeZone={u.timeZone}
                            userLang={u.lang}
                            lang={lang}
                          />
                          <button type="submit">{m('admin.users.save')}</button>
                        </form>
                      </details>
                      {u.clients > 0 && colleagues.length > 0 ? (
                        <form data-hand-over={String(u.id)} data-name={u.name} style="margin-top:6px">
                          <fieldset>
                            <legend>{m('admin.users.handOver')}</legend>
                            {colleagues.map((c) => (
                              <label style="display:block;color:inherit">
                                <input type="checkbox" name="to" value={String(c.id)} style="width:auto" />{' '}
                                <span translate="no">{c.name}</span>
                              </label>
                            ))}
                            <button type="submit">{m('admin.users.handOverAsk')}</button>
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
        <h2 style="margin-top:0">{m('admin.users.addTitle')}</h2>
        <form id="add-user">
          <label for="new-name">{m('admin.users.newName')}</label>
          <input id="new-name" name="name" required maxlength={200} autocomplete="off" />
          <label for="new-email">{m('admin.users.newEmail')}</label>
          <input id="new-email" name="email" type="email" required autocomplete="off" />
          <UserFields
            prefix="new"
            regions={regions}
            role="manager"
            regionIds={[]}
            extension={null}
            timeZone="Europe/Moscow"
            userLang="ru"
            lang={lang}
          />
          <button type="submit">{m('admin.users.add')}</button>
        </form>
        <div id="new-password" hidden>
          <p>
            {m('admin.users.added')} <code id="new-password-value" translate="no"></code>
          </p>
          <p>
            <a href="/app/admin/users">{m('admin.users.reload')}</a>
          </p>
        </div>
      </div>
    </>
  );
}
