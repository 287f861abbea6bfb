/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { formatDateTime } from '../../platform/ru-format';
import type { listRejected } from '../list-rejected';
import type { getSyncSummary } from '../summary';
import { StackStyle } from '../../admin';
import { explainReason } from '../explain-reason';

const SOURCE_RU: Record<string, string> = {
  onec: '1С:УТ',
  mango: 'Манго Офис',
  zadarma: 'Zadarma',
  generic: 'АТС (общий вебхук)',
  sandbox: 'Тестовая АТС (песочница)',
  mail: 'Почта',
  ping: 'Проверка подписи',
  lookup: 'Поиск звонящего',
};
const sourceName = (source: string) => SOURCE_RU[source] ?? source;
const TZ = 'Europe/Moscow';

type Summary = Awaited<ReturnType<typeof getSyncSummary>>;
type Rejected = Awaited<ReturnType<typeof listRejected>>;

const hours = (h: number) => (h === 1 ? '1 часа' : `${h} часов`);

/** Every integration: configured or not, the last payload, and a warning when a configured one is silent. */
function Integrations({ summary }: { summary: Summary }): Child {
  const silent = summary.integrations.filter((i) => i.silent);
  return (
    <div class="card">
      <h1 style="margin-top:0">Синхронизация</h1>
      <p class="muted">
        Всё, что присылают АТС, 1С и почта, хранится с результатом; отклонённое можно повторить после исправления причины. Настройка и
        проверка — на странице <a href="/app/admin/integrations">«Интеграции»</a>.
      </p>
      {silent.length ? (
        <p class="error" id="silent-warning" role="alert">
          Молчат: {silent.map((i) => i.title).join(', ')} — проверьте их на странице «Интеграции».
        </p>
      ) : null}
      <div style="overflow-x:auto">
        <table id="integrations" class="stack">
          <thead>
            <tr>
              <th>Интеграция</th>
              <th>Настроена</th>
              <th>Последнее получено</th>
              <th>Состояние</th>
            </tr>
          </thead>
          <tbody>
            {summary.integrations.map((i) => (
              <tr data-integration={i.id} class={i.configured ? '' : 'muted'}>
                <td>{i.title}</td>
                <td data-label="Настроена">{i.configured ? 'да' : 'нет'}</td>
                <td data-label="Последнее получено">{i.lastReceivedAt ? formatDateTime(i.lastReceivedAt, TZ) : '—'}</td>
                <td data-label="Состояние" data-silence class={i.silent ? 'error' : ''}>
                  {!i.configured
                    ? 'не настроена'
                    : i.silent
                      ? i.lastReceivedAt
                        ? `молчит больше ${hours(i.silentAfterHours)}`
                        : 'настроена, но ничего не получено'
                      : 'в порядке'}
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
export function SyncView({ summary, rejected, before }: { summary: Summary; rejected: Rejected; before: number | null }): Child {
  const shownFrom = before === null ? 1 : null;
  return (
    <>
      <StackStyle />
      <Integrations summary={summary} />
      <div class="card">
        <h2 style="margin-top:0">По источникам</h2>
        <div style="overflow-x:auto">
          <table>
            <thead>
              <tr>
                <th>Источник</th>
                <th>Последнее получено</th>
                <th>Принято за 24 ч</th>
                <th>Повторы</th>
                <th>Отклонено за 24 ч</th>
                <th>Ждут повтора</th>
              </tr>
            </thead>
            <tbody>
              {summary.sources.length ? (
                summary.sources.map((s) => (
                  <tr>
                    <td>{sourceName(s.source)}</td>
                    <td>{s.lastReceivedAt ? formatDateTime(s.lastReceivedAt, TZ) : '—'}</td>
                    <td>{s.stored24h}</td>
                    <td>{s.duplicate24h}</td>
                    <td class={s.rejected24h ? 'error' : ''}>{s.rejected24h}</td>
                    <td>{s.rejectedWaiting}</td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={6} class="muted">
                    Пока ничего не получено
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </div>
      <div class="card">
        <h2 style="margin-top:0">Отклонённое</h2>
        <p class="muted" id="rejected-count">
          Ждут повтора: {rejected.total}
          {rejected.total > rejected.items.length
            ? ` · показаны ${rejected.items.length}${shownFrom === null ? ' (не первая страница)' : ' самых новых'}`
            : ''}
        </p>
        <div style="overflow-x:auto">
          <table id="rejected" class="stack">
            <thead>
              <tr>
                <th>№</th>
                <th>Источник</th>
                <th>Причина</th>
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
                      <span class="muted">{formatDateTime(r.receivedAt, TZ)}</span>
                    </td>
                    <td>
                      {sourceName(r.source)}
                      <br />
                      <code>{r.externalId ?? ''}</code>
                    </td>
                    <td>
                      <span class="error" data-reason>
                        {explainReason(r.reason)}
                      </span>
                      <details>
                        <summary>подробности</summary>
                        <code data-raw-reason>{r.reason ?? ''}</code>
                      </details>
                    </td>
                    <td>
                      <details>
                        <summary>данные</summary>
                        <pre style="white-space:pre-wrap;max-width:420px">{r.body}</pre>
                      </details>
                    </td>
                    <td>
                      {whyNotReplayable(r.reason) ? (
                        <span class="muted">{whyNotReplayable(r.reason)}</span>
                      ) : (
                        <button class="secondary" data-replay={String(r.id)} style="margin:0">
                          Повторить
                        </button>
                      )}
                    </td>
                  </tr>
                ))
              ) : (
                <tr>
                  <td colspan={5} class="muted">
                    Отклонённого нет
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <nav aria-label="Страницы отклонённого" style="display:flex;gap:16px;margin-top:12px">
          {before !== null ? <a href="/app/sync">« В начало</a> : null}
          {rejected.next !== null ? (
            <a href={`/app/sync?before=${rejected.next}`} rel="next" id="rejected-next">
              Далее »
            </a>
          ) : null}
        </nav>
      </div>
    </>
  );
}

/** Rows the server refuses to replay (sync/replay.ts), said instead of a «Повторить» button. */
function whyNotReplayable(reason: string | null | undefined): string | null {
  if (!reason) return null;
  if (reason.startsWith('unauthorized')) return 'подпись не принята — нужно прислать заново';
  if (reason.startsWith('payload_too_large')) return 'больше 1 МБ — хранится только начало, нужно прислать заново';
  if (reason.startsWith('replay:')) return 'повтор уже полученного запроса — не применяется';
  if (reason.startsWith('более старая версия объекта')) return 'более старая версия — не применяется';
  return null;
}
