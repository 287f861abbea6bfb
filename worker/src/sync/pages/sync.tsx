/** @jsxRuntime automatic */
/** @jsxImportSource hono/jsx */
import type { Child } from 'hono/jsx';
import { formatDateTime } from '../../platform/ru-format';
import type { listRejected } from '../list-rejected';
import type { getSyncSummary } from '../summary';

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

/** Integration health for the admin: what each source sent in 24 hours, and what was refused, with «Повторить» (pages/src/sync.ts). */
export function SyncView({ summary, rejected }: { summary: Summary; rejected: Rejected }): Child {
  return (
    <>
      <div class="card">
        <h1 style="margin-top:0">Состояние интеграций</h1>
        <p class="muted">
          Всё, что присылают АТС, 1С и почта, хранится с результатом; отклонённое можно повторить после исправления причины.
        </p>
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
      <div class="card">
        <h2 style="margin-top:0">Отклонённое</h2>
        <table>
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
                  <td class="error">{r.reason ?? ''}</td>
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
