import type { WidgetToday } from '../../schema/contracts';
import type { WidgetConfig } from './lib/config';
import { defineWidget } from './lib/define';
import { formatDay } from './lib/format';
import { WidgetStatus } from './lib/status';
import { useWidgetData } from './lib/useWidgetData';

const CSS = `
header{display:flex;justify-content:space-between;align-items:baseline;gap:12px;flex-wrap:wrap}
dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:12px 0 0}
dl div{background:#f6f8fb;border-radius:8px;padding:10px 12px}
dt{color:#5b6475;font-size:13px}dd{margin:2px 0 0;font-size:26px;font-weight:600}
small{color:#5b6475}p{margin:8px 0 0}
`;

function TodayWidget({ config }: { config: WidgetConfig }) {
  const state = useWidgetData<WidgetToday>(config, '/api/widgets/today');
  const { data } = state;
  return (
    <section class="card" data-testid="widget-today">
      <header>
        <h2>Мой день</h2>
        {data && (
          <span class="muted" data-testid="date">
            {formatDay(data.date)}
          </span>
        )}
      </header>
      {data && (
        <>
          <p data-testid="user-name">{data.userName}</p>
          <dl>
            <div>
              <dt>Звонки сегодня</dt>
              <dd data-testid="calls-today">{data.callsToday}</dd>
              <small data-testid="targeted-calls">из них целевых {data.targetedCallsToday}</small>
            </div>
            <div>
              <dt>Открытые интересы</dt>
              <dd data-testid="open-leads">{data.openLeads}</dd>
            </div>
            <div>
              <dt>Просроченные задачи</dt>
              <dd data-testid="overdue-tasks">{data.overdueTasks}</dd>
            </div>
          </dl>
        </>
      )}
      <WidgetStatus state={state} />
    </section>
  );
}

defineWidget('voronka-today', TodayWidget, CSS);
