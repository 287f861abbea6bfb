/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { TodayItem } from '../../../../schema/contracts';
import type { TaskTab } from '../today/tasks';
import { WorkList, WorkStyle } from './rows';

const TABS: [TaskTab, string][] = [
  ['mine', 'Мои'],
  ['queue', 'Очередь региона'],
  ['overdue', 'Просроченные'],
  ['done', 'Выполненные'],
];
const EMPTY: Record<TaskTab, string> = {
  mine: 'Открытых задач нет.',
  queue: 'В очереди пропущенных звонков никого.',
  overdue: 'Просроченных задач нет.',
  done: 'Выполненных задач пока нет.',
};

/** The tasks page: four tabs (links, so each is a page of its own), the rows of «Мой день». */
export function TasksPage({ tab, items, timeZone, role }: { tab: TaskTab; items: TodayItem[]; timeZone: string; role: string }): Child {
  return (
    <>
      <WorkStyle />
      <div class="card">
        <h1>Задачи</h1>
        <nav class="tabs" aria-label="Задачи">
          {TABS.map(([id, label]) => (
            <a href={id === 'mine' ? '/app/tasks' : `/app/tasks?tab=${id}`} aria-current={id === tab ? 'page' : undefined} data-tab={id}>
              {id === 'mine' && role !== 'manager' ? 'Открытые' : label}
            </a>
          ))}
        </nav>
        <WorkList items={items} timeZone={timeZone} showOwner={role !== 'manager'} history={tab === 'done'} empty={EMPTY[tab]} />
      </div>
    </>
  );
}
