/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { TodayList } from '../../../../schema/contracts';
import { WorkList, WorkStyle } from './rows';

interface RegionChoice {
  id: number;
  name: string;
}

/** The admin's (and a head's of several regions) «Регион»: one region's day, as its head sees it. */
function RegionPicker({ regions, region, role }: { regions: RegionChoice[]; region: number | null; role: string }): Child {
  if (!regions.length) return null;
  return (
    <form class="region-pick" id="region-pick" method="get" action="/app/today">
      <label for="region">Регион</label>
      <select id="region" name="region">
        <option value="" selected={region === null}>
          {role === 'admin' ? 'Все регионы' : 'Все мои регионы'}
        </option>
        {regions.map((r) => (
          <option value={String(r.id)} selected={r.id === region}>
            {r.name}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        Показать
      </button>
    </form>
  );
}

/** «Мой день»: the counters and one list ordered by the money at stake (docs/workspace.md). */
export function TodayPage({
  today,
  timeZone,
  role,
  regions = [],
  region = null,
}: {
  today: TodayList;
  timeZone: string;
  role: 'manager' | 'head' | 'admin';
  regions?: RegionChoice[];
  region?: number | null;
}): Child {
  const picked = regions.find((r) => r.id === region);
  return (
    <>
      <WorkStyle />
      <div class="card">
        <h1>Мой день</h1>
        <p class="muted" style="margin:0 0 10px">
          {role === 'manager'
            ? 'Что сделать сейчас: сначала то, где больше денег.'
            : picked
              ? `Работа региона «${picked.name}»: пропущенные звонки, просроченные задачи и интересы, молчащие крупные клиенты.`
              : role === 'head'
                ? 'Работа ваших регионов: пропущенные звонки, просроченные задачи и интересы, молчащие крупные клиенты.'
                : 'Работа всех регионов.'}
        </p>
        <RegionPicker regions={regions} region={region} role={role} />
        <div class="counts">
          <span>
            Просрочено задач: <b id="count-overdue">{today.counts.overdue}</b>
          </span>
          <span>
            Пропущенных звонков: <b id="count-missed">{today.counts.missed}</b>
          </span>
          <a href="/app/tasks">Все задачи</a>
          <a href="/app/clients/new">Новый клиент</a>
        </div>
        <WorkList items={today.items} timeZone={timeZone} showOwner={role !== 'manager'} empty="На сегодня всё сделано." />
      </div>
    </>
  );
}
