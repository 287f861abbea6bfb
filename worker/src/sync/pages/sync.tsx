/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { type Lang, type MessageKey, msg, msgf } from '../../platform/i18n';
import { formatDateTime } from '../../platform/ru-format';
import type { listRejected } from '../list-rejected';
import type { getSyncSummary } from '../summary';
import { StackStyle } from '../../admin';
import { explainReason } from '../explain-reason';

const SOURCES = ['onec', 'mango', 'zadarma', 'generic', 'sandbox', 'mail', 'ping', 'lookup'] as const;
const sourceName = (source: string, lang: Lang) =>
  (SOURCES as readonly string[]).includes(source) ? msg(`sync.source.${source as (typeof SOURCES)[number]}`, lang) : source;

/** The strings pages/src/sync.ts shows, through the JSON island. */
export const SYNC_SCRIPT_TEXT = [
  'sync.replaying',
  'sync.rejectedAgain',
  'sync.accepted',
  'sync.error',
] as const satisfies readonly MessageKey[];

/** The page's language and the admin's own time zone (users.time_zone), for every date it shows. */
interface Speech {
  lang: Lang;
  timeZone: string;
}

type Summary = Awaited<ReturnType<typeof getSyncSummary>>;
type Rejected = Awaited<ReturnType<typeof listRejected>>;

const silentFor = (h: number, lang: Lang) => (h === 1 ? msg('sync.silentFor1', lang) : msgf('sync.silentFor', lang, { hours: h }));

/** Every integration: configured or not, the last payload, and a warning when a configured one is silent. */
function Integrations({ summary, speech: { lang, timeZone } }: { summary: Summary; speech: Speech }): Child {
  const m = (k: MessageKey) => msg(k, lang);
  const silent = summary.integrations.filter((i) => i.silent);
  return (
    <div class="card">
      <h1 style="margin-top:0">{m('sync.title')}</h1>
      <p class="muted">
        {m('sync.intro')} <a href="/app/admin/integrations">{m('sync.integrationsLink')}</a>.
      </p>
      {silent.length ? (
        <p class="error" id="silent-warning" role="alert">
          {msgf('sync.silent', lang, { names: silent.map((i) => i.title).join(', ') })}
        </p>
      ) : null}
      <div style="overflow-x:auto">
        <table id="integrations" class="stack">
          <thead>
            <tr>
              <th>{m('sync.col.integration')}</th>
              <th>{m('sync.col.configured')}</th>
              <th>{m('sync.col.last')}</th>
              <th>{m('sync.col.state')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.integrations.map((i) => (
              <tr data-integration={i.id} class={i.configured ? '' : 'muted'}>
                <td>{i.title}</td>
                <td data-label={m('sync.col.configured')}>{i.configured ? m('sync.yes') : m('sync.no')}</td>
                <td data-label={m('sync.col.last')}>{i.lastReceivedAt ? formatDateTime(i.lastReceivedAt, timeZone) : '—'}</td>
                <td data-label={m('sync.col.state')} data-silence class={i.silent ? 'error' : ''}>
                  {!i.configured
                    ? m('sync.notConfigured')
                    : i.silent
                      ? i.lastReceivedAt
                        ? silentFor(i.silentAfterHours, lang)
                        : m('sync.nothingYet')
                      : m('sync.fine')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Integration health for the admin: every integration, what each source sent in 24 hours, and what was refused (paged), with «Повторить» (pages/src/sync.ts). */
export function SyncView({
  summary,
  rejected,
  before,
  speech,
}: {
  summary: Summary;
  rejected: Rejected;
  before: number | null;
  speech: Speech;
}): Child {
  const { lang, timeZone } = speech;
  const m = (k: MessageKey) => msg(k, lang);
  const shownFrom = before === null ? 1 : null;
  return (
    <>
      <StackStyle />
      <Integrations summary={summary} speech={speech} />
      <div class="card">
        <h2 style="margin-top:0">{m('sync.bySource')}</h2>
        <div style="overflow-x:auto">
          <table>
            <thead>
              <tr>
                <th>{m('sync.col.source')}</th>
                <th>{m('sync.col.last')}</th>
                <th>{m('sync.col.stored')}</th>
                <th>{m('sync.col.duplicate')}</th>
                <th>{m('sync.col.rejected')}</th>
                <th>{m('sync.col.waiting')}</th>
              </tr>
            </thead>
            <tbody>
              {summary.sources.length ? (
                summary.sources.map((s) => (
                  <tr>
                    <td>{sourceName(s.source, lang)}</td>
                    <td>{s.lastReceivedAt ? formatDateTime(s.lastReceivedAt, timeZone) : '—'}</td>
                    <td>{s.stored24h}</td>
                    <td>{s.duplicate24h}</td>
                    <td class={s.rejected24h ? 'error' : ''}>{s.rejected24h}</td>
                    <td>{s.rejectedWaiting}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={6} class="muted">
                    {m('sync.nothingReceived')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
      <div class="card">
        <h2 style="margin-top:0">{m('sync.rejected')}</h2>
        <p class="muted" id="rejected-count">
          {msgf('sync.waiting', lang, { total: rejected.total })}
          {rejected.total > rejected.items.length
            ? msgf(shownFrom === null ? 'sync.shownLater' : 'sync.shownNewest', lang, { shown: rejected.items.length })
            : ''}
        </p>
        <div style="overflow-x:auto">
          <table id="rejected" class="stack">
            <thead>
              <tr>
                <th>№</th>
                <th>{m('sync.col.source')}</th>
                <th>{m('sync.col.reason')}</th>
                <th></th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {rejected.items.length ? (
                rejected.items.map((r) => (
                  <tr>
                    <td>
                      #{r.id}
                      <br />
                      <span class="muted">{formatDateTime(r.receivedAt, timeZone)}</span>
                    </td>
                    <td>
                      {sourceName(r.source, lang)}
                      <br />
                      <code translate="no" data-value>
                        {r.externalId ?? ''}
                      </code>
                    </td>
                    <td>
                      <span class="error" data-reason>
                        {explainReason(r.reason, lang)}
                      </span>
                      <details>
                        <summary>{m('sync.details')}</summary>
                        <code data-raw-reason translate="no" data-value>
                          {r.reason ?? ''}
                        </code>
                      </details>
                    </td>
                    <td>
                      <details>
                        <summary>{m('sync.data')}</summary>
                        <pre style="white-space:pre-wrap;max-width:420px" translate="no" data-value>
                          {r.body}
                        </pre>
                      </details>
                    </td>
                    <td>
                      {whyNotReplayable(r.reason) ? (
                        <span class="muted">{m(whyNotReplayable(r.reason)!)}</span>
                      ) : (
                        <button class="secondary" data-replay={String(r.id)} style="margin:0">
                          {m('sync.replay')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={5} class="muted">
                    {m('sync.noneRejected')}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <nav aria-label={m('sync.pages')} style="display:flex;gap:16px;margin-top:12px">
          {before !== null ? <a href="/app/sync">{m('sync.first')}</a> : null}
          {rejected.next !== null ? (
            <a href={`/app/sync?before=${rejected.next}`} rel="next" id="rejected-next">
              {m('sync.next')}
            </a>
          ) : null}
        </nav>
      </div>
    </>
  );
}

/** Rows the server refuses to replay (sync/replay.ts), said instead of a «Повторить» button. */
function whyNotReplayable(reason: string | null | undefined): MessageKey | null {
  if (!reason) return null;
  if (reason.startsWith('unauthorized')) return 'sync.notReplayable.signature';
  if (reason.startsWith('payload_too_large')) return 'sync.notReplayable.tooLarge';
  if (reason.startsWith('replay:')) return 'sync.notReplayable.replay';
  if (reason.startsWith('более старая версия объекта')) return 'sync.notReplayable.older';
  return null;
}
