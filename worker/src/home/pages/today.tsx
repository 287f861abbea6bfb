/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import type { TodayList } from '../../../../schema/contracts';
import { type Lang, msg } from '../../platform/i18n';
import { WorkList, WorkStyle } from './rows';

interface RegionChoice {
  id: number;
  name: string;
}

/** The admin's (and a head's of several regions) «Регион»: one region's day, as its head sees it. */
function RegionPicker({
  regions,
  region,
  role,
  lang,
}: {
  regions: RegionChoice[];
  region: number | null;
  role: string;
  lang: Lang;
}): Child {
  if (!regions.length) return null;
  return (
    <form class="region-pick" id="region-pick" method="get" action="/app/today">
      <label for="region">{msg('today.region', lang)}</label>
      <select id="region" name="region">
        <option value="" selected={region === null}>
          {msg(role === 'admin' ? 'today.allRegions' : 'today.allMyRegions', lang)}
        </option>
        {regions.map((r) => (
          <option value={String(r.id)} selected={r.id === region} translate="no">
            {r.name}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {msg('today.show', lang)}
      </button>
    </form>
  );
}

/** «Работа региона «…»: …» with the region's name marked as data. */
function RegionLead({ name, lang }: { name: string; lang: Lang }): Child {
  const [before, after = ''] = msg('today.lead.region', lang).split('{name}');
  return (
    <>
      {before}
      <span translate="no">{name}</span>
      {after}
    </>
  );
}

/** «Мой день»: the counters and one list ordered by the money at stake (docs/workspace.md). */
export function TodayPage({
  today,
  timeZone,
  role,
  regions = [],
  region = null,
  lang,
}: {
  today: TodayList;
  timeZone: string;
  role: 'manager' | 'head' | 'admin';
  regions?: RegionChoice[];
  region?: number | null;
  lang: Lang;
}): Child {
  const picked = regions.find((r) => r.id === region);
  return (
    <>
      <WorkStyle />
      <div class="card">
        <h1>{msg('today.title', lang)}</h1>
        <p class="muted" style="margin:0 0 10px">
          {role === 'manager' ? (
            msg('today.lead.manager', lang)
          ) : picked ? (
            <RegionLead name={picked.name} lang={lang} />
          ) : (
            msg(role === 'head' ? 'today.lead.head' : 'today.lead.admin', lang)
          )}
        </p>
        <RegionPicker regions={regions} region={region} role={role} lang={lang} />
        <div class="counts">
          <span>
            {msg('today.overdue', lang)} <b id="count-overdue">{today.counts.overdue}</b>
          </span>
          <span>
            {msg('today.missed', lang)} <b id="count-missed">{today.counts.missed}</b>
          </span>
          <a href="/app/tasks">{msg('today.allTasks', lang)}</a>
          <a href="/app/clients/new">{msg('clients.new', lang)}</a>
        </div>
        <WorkList items={today.items} timeZone={timeZone} showOwner={role !== 'manager'} empty={msg('today.empty', lang)} lang={lang} />
      </div>
    </>
  );
}
