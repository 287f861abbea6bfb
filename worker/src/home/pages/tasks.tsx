/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { TodayItem } from '../../../../schema/contracts';
import { type Lang, msg } from '../../platform/i18n';
import type { TaskTab } from '../today/tasks';
import { WorkList, WorkStyle } from './rows';

const TABS: readonly TaskTab[] = ['mine', 'queue', 'overdue', 'done'];

/** The tasks page: four tabs (links, so each is a page of its own), the rows of «Мой день». */
export function TasksPage({
  tab,
  items,
  timeZone,
  role,
  lang,
}: {
  tab: TaskTab;
  items: TodayItem[];
  timeZone: string;
  role: string;
  lang: Lang;
}): Child {
  return (
    <>
      <WorkStyle />
      <div class="card">
        <h1>{msg('tasks.title', lang)}</h1>
        <nav class="tabs" aria-label={msg('tasks.title', lang)}>
          {TABS.map((id) => (
            <a href={id === 'mine' ? '/app/tasks' : `/app/tasks?tab=${id}`} aria-current={id === tab ? 'page' : undefined} data-tab={id}>
              {msg(id === 'mine' && role !== 'manager' ? 'tasks.tab.open' : `tasks.tab.${id}`, lang)}
            </a>
          ))}
        </nav>
        <WorkList
          items={items}
          timeZone={timeZone}
          showOwner={role !== 'manager'}
          history={tab === 'done'}
          empty={msg(`tasks.empty.${tab}`, lang)}
          lang={lang}
        />
      </div>
    </>
  );
}
