import type { WidgetRegion } from '../../schema/contracts/pay';
import { CompletionBar } from './lib/bar';
import type { WidgetConfig } from './lib/config';
import { defineWidget } from './lib/define';
import { formatMonth, formatPercentBp, formatRub } from './lib/format';
import { rankLeaders } from './lib/leaderboard';
import { WidgetStatus } from './lib/status';
import { useWidgetData } from './lib/useWidgetData';

const CSS = `
header,.row{display:flex;justify-content:space-between;align-items:baseline;gap:12px;flex-wrap:wrap}
.plan{margin:12px 0 0}.plan b{font-size:24px}
small{color:#5b6475}h3{font-size:14px;margin:14px 0 4px}p{margin:4px 0 0}
table{width:100%;border-collapse:collapse;font-size:14px}th{font-weight:400;color:#5b6475;text-align:left}
td,th{padding:4px 6px 4px 0;border-bottom:1px solid #eef1f5;vertical-align:top}.num{text-align:right;white-space:nowrap}
td .bar{margin:3px 0 0;height:5px}
`;

function Figures({ data }: { data: WidgetRegion }) {
  return (
    <>
      <p class="muted" data-testid="regions">
        {data.regions.join(', ') || 'Регионы не назначены'}
      </p>
      <div class="plan">
        <div class="row">
          <span>План региона</span>
          <b data-testid="region-completion">{formatPercentBp(data.planCompletionBp)}</b>
        </div>
        <CompletionBar bp={data.planCompletionBp} testId="region-bar" />
        <small data-testid="region-fact">
          Факт {formatRub(data.factKopecks)} из {formatRub(data.planKopecks)}
        </small>
      </div>
      <h3>Менеджеры</h3>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Менеджер</th>
            <th class="num">Выполнение</th>
            <th class="num">Факт</th>
            <th class="num" title="Целевые звонки сегодня">
              Звонки
            </th>
          </tr>
        </thead>
        <tbody>
          {rankLeaders(data.leaders).map((leader, index) => (
            <tr data-testid="leader" data-user-id={leader.userId}>
              <td>{index + 1}</td>
              <td>
                <span data-testid="leader-name">{leader.name}</span>
                <CompletionBar bp={leader.planCompletionBp} testId="leader-bar" />
              </td>
              <td
                class="num"
                data-testid="leader-completion"
                title={leader.planKopecks === null ? 'План не задан' : `План ${formatRub(leader.planKopecks)}`}
              >
                {formatPercentBp(leader.planCompletionBp)}
              </td>
              <td class="num" data-testid="leader-fact">
                {formatRub(leader.factKopecks)}
              </td>
              <td class="num" data-testid="leader-calls">
                {leader.targetedCallsToday}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {data.leaders.length === 0 && <p class="muted">В регионе нет менеджеров</p>}
    </>
  );
}

function RegionWidget({ config }: { config: WidgetConfig }) {
  const state = useWidgetData<WidgetRegion>(config, '/api/widgets/region');
  return (
    <section class="card" data-testid="widget-region">
      <header>
        <h2>Регион: план и рейтинг</h2>
        {state.data && (
          <span class="muted" data-testid="month">
            {formatMonth(state.data.month)}
          </span>
        )}
      </header>
      {state.data && <Figures data={state.data} />}
      <WidgetStatus state={state} />
    </section>
  );
}

defineWidget('voronka-region', RegionWidget, CSS);
