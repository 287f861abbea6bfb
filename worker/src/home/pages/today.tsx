/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { TodayList } from '../../../../schema/contracts';
import { WorkList, WorkStyle } from './rows';

/** «Мой день»: the counters and one list ordered by the money at stake (docs/workspace.md). */
export function TodayPage({ today, timeZone, role }: { today: TodayList; timeZone: string; role: 'manager' | 'head' | 'admin' }): Child {
  return (
    <>
      <WorkStyle />
      <div class="card">
        <h1>Мой день</h1>
        <p class="muted" style="margin:0 0 10px">
          {role === 'manager'
            ? 'Что сделать сейчас: сначала то, где больше денег.'
            : role === 'head'
              ? 'Работа ваших регионов: пропущенные звонки, просроченные задачи и интересы, молчащие крупные клиенты.'
              : 'Работа всех регионов.'}
        </p>
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
