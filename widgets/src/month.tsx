import type { WidgetMonth } from '../../schema/contracts/pay';
import { CompletionBar } from './lib/bar';
import type { WidgetConfig } from './lib/config';
import { defineWidget } from './lib/define';
import { formatAge, formatDue, formatMonth, formatPercentBp, formatPhone, formatRub } from './lib/format';
import { firstOf } from './lib/leaderboard';
import { WidgetStatus } from './lib/status';
import { useWidgetData } from './lib/useWidgetData';

const LIST_LIMIT = 5;

const CSS = `
header,.row{display:flex;justify-content:space-between;align-items:baseline;gap:12px;flex-wrap:wrap}
.plan{margin:12px 0 0}.plan b{font-size:24px}
dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:10px;margin:12px 0 0}
dl div{background:#f6f8fb;border-radius:8px;padding:8px 12px}
dt{color:#5b6475;font-size:13px}dd{margin:2px 0 0;font-size:22px;font-weight:600}
small{color:#5b6475}h3{font-size:14px;margin:14px 0 4px}p{margin:4px 0 0}
table{width:100%;border-collapse:collapse;font-size:14px}td{padding:3px 0;border-bottom:1px solid #eef1f5}
td+td{text-align:right;width:5em}.stuck{color:#b54708}
ul{margin:0;padding:0;list-style:none;font-size:14px}li{padding:3px 0;border-bottom:1px solid #eef1f5}
a{color:#1f6feb;text-decoration:none;white-space:nowrap}
`;

function Figures({ data }: { data: WidgetMonth }) {
  const stuck = firstOf(data.stuckLeads, LIST_LIMIT);
  const callBacks = firstOf(data.callBacks, LIST_LIMIT);
  return (
    <>
      <p class="muted" data-testid="user-name">
        {data.userName}
      </p>
      <div class="plan">
        <div class="row">
          <span>Выполнение плана</span>
          <b data-testid="plan-completion">{formatPercentBp(data.planCompletionBp)}</b>
        </div>
        <CompletionBar bp={data.planCompletionBp} testId="plan-bar" />
        <small data-testid="plan-fact">
          {data.planKopecks === null
            ? `Факт ${formatRub(data.factKopecks)}, план на месяц не задан`
            : `Факт ${formatRub(data.factKopecks)} из ${formatRub(data.planKopecks)}`}
        </small>
      </div>
      <dl>
        <div>
          <dt>Заработано за месяц</dt>
          <dd data-testid="earned">{data.earnedKopecks === null ? '—' : formatRub(data.earnedKopecks)}</dd>
          {data.earnedKopecks === null && <small>нет правила расчёта</small>}
        </div>
        <div>
          <dt>Целевые звонки сегодня</dt>
          <dd data-testid="targeted-calls">
            {data.targetedCallsTarget === null ? data.targetedCallsToday : `${data.targetedCallsToday} из ${data.targetedCallsTarget}`}
          </dd>
        </div>
        <div>
          <dt>Просроченные задачи</dt>
          <dd data-testid="overdue-tasks" class={data.overdueTasks ? 'stuck' : ''}>
            {data.overdueTasks}
          </dd>
        </div>
      </dl>
      <h3>Моя воронка</h3>
      <table>
        {data.funnel.map((stage) => (
          <tr data-testid={`stage-${stage.stageId}`}>
            <td>{stage.nameRu}</td>
            <td data-testid="stage-count">{stage.count}</td>
            <td data-testid="stage-stuck" class={stage.stuck ? 'stuck' : 'muted'}>
              {stage.stuck ? `застряли ${stage.stuck}` : '—'}
            </td>
          </tr>
        ))}
      </table>
      {stuck.shown.length > 0 && (
        <>
          <h3>Застрявшие интересы</h3>
          <ul data-testid="stuck-leads">
            {stuck.shown.map((lead) => (
              <li data-testid="stuck-lead">
                {lead.companyName}{' '}
                <small>
                  — {lead.stageRu}, {formatAge(lead.since, data.at)}
                </small>
              </li>
            ))}
            {stuck.more > 0 && <li class="muted">и ещё {stuck.more}</li>}
          </ul>
        </>
      )}
      <h3>Перезвонить</h3>
      {callBacks.shown.length === 0 && (
        <p class="muted" data-testid="no-call-backs">
          Некому — все перезвонены
        </p>
      )}
      {callBacks.shown.length > 0 && (
        <ul data-testid="call-backs">
          {callBacks.shown.map((call) => (
            <li data-testid="call-back">
              {call.companyName ?? 'Неизвестный номер'}{' '}
              {call.phone && (
                <a href={`tel:${call.phone}`} data-testid="call-back-phone">
                  {formatPhone(call.phone)}
                </a>
              )}
              {call.dueAt !== null && <small> до {formatDue(call.dueAt, data.at)}</small>}
            </li>
          ))}
          {callBacks.more > 0 && <li class="muted">и ещё {callBacks.more}</li>}
        </ul>
      )}
    </>
  );
}

function MonthWidget({ config }: { config: WidgetConfig }) {
  const state = useWidgetData<WidgetMonth>(config, '/api/widgets/month');
  return (
    <section class="card" data-testid="widget-month">
      <header>
        <h2>Мой месяц</h2>
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

defineWidget('voronka-month', MonthWidget, CSS);
