import { browser } from '../shared/browser';
import { useEffect, useState } from 'preact/hooks';
import { formatSyncTime } from '../shared/format';
import { ringingText } from '../shared/live';
import { isBroadcast, type ConnectionStatus } from '../shared/messages';
import { QUEUE_STATE_TEXT, type QueueView } from '../shared/queue';
import { sendToBackground } from '../shared/send';

/** Connection and the offline queue at a glance; every opening asks the server, so a revoked token shows at once. */
export function Popup() {
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [queue, setQueue] = useState<QueueView | null>(null);

  // «Повторить» when the server was unreachable: ask again, and send the queue if it answers now.
  const [retrying, setRetrying] = useState(false);
  const retry = async () => {
    setRetrying(true);
    setFailure(null);
    try {
      const current = await sendToBackground('status', {});
      setStatus(current);
      if (current.connected) setQueue(await sendToBackground('flushQueue', {}).catch(() => null));
    } catch (err) {
      setFailure((err as Error).message);
    } finally {
      setRetrying(false);
    }
  };

  useEffect(() => {
    // Status first; when the server answers, whatever waited in the queue is sent before the list is shown.
    void (async () => {
      let current: ConnectionStatus | null = null;
      try {
        current = await sendToBackground('status', {});
        setStatus(current);
      } catch (err) {
        setFailure((err as Error).message);
      }
      const waiting = await sendToBackground('queue', {}).catch(() => null);
      setQueue(waiting);
      if (current?.connected && waiting && waiting.queued > 0) setQueue(await sendToBackground('flushQueue', {}).catch(() => waiting));
    })();
  }, []);

  // An incoming call while the popup is open.
  const [ringing, setRinging] = useState<string | null>(null);
  useEffect(() => {
    const listener = (raw: unknown) => {
      if (isBroadcast(raw) && raw.payload.type === 'call.ringing') setRinging(ringingText(raw.payload.card));
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);

  const optionsUrl = browser.runtime.getURL(browser.runtime.getManifest().options_ui?.page ?? '');
  const openOptions = (event: Event) => {
    event.preventDefault();
    void browser.runtime.openOptionsPage();
  };
  const sendNow = () => sendToBackground('flushQueue', {}).then(setQueue, (err: Error) => setFailure(err.message));
  const reason = failure ?? status?.error?.message;

  return (
    <main style={{ width: '340px', padding: '12px 16px' }}>
      <h1>Воронка</h1>
      {ringing && (
        <p id="ringing" data-testid="ringing" class="ok">
          {ringing}
        </p>
      )}
      {status === null && !failure && (
        <p id="status" data-testid="status" class="muted">
          Проверяем подключение…
        </p>
      )}
      {status?.connected && status.user && (
        <p id="status" data-testid="status" class="ok">
          Подключено: {status.user.name}
        </p>
      )}
      {status?.unreachable && !failure && (
        <>
          <p id="status" data-testid="status" class="error">
            Сервер недоступен
          </p>
          <p id="reason" data-testid="reason" class="muted">
            {status.error?.message ?? `Нет связи с сервером ${status.serverUrl}`}. Вход сохранён, действия ждут в очереди.
          </p>
          <button id="retry" data-testid="retry" type="button" onClick={() => void retry()} disabled={retrying}>
            {retrying ? 'Проверяем…' : 'Повторить'}
          </button>
        </>
      )}
      {(failure || (status && !status.connected && !status.unreachable)) && (
        <>
          <p id="status" data-testid="status">
            Не подключено
          </p>
          {reason && (
            <p id="reason" data-testid="reason" class="error">
              {reason}
            </p>
          )}
          <a id="open-options" data-testid="open-options" href={optionsUrl} onClick={openOptions}>
            Настройки подключения
          </a>
        </>
      )}
      {status && (
        <p id="last-sync" data-testid="last-sync" class="muted">
          Последняя синхронизация: {formatSyncTime(status.lastSyncAt)}
        </p>
      )}
      {queue && (
        <section id="queue" data-testid="queue">
          <p id="queued" data-testid="queued">
            {queue.queued === 0 ? 'Очередь пуста: всё отправлено' : `В очереди: ${queue.queued}`}
            {queue.failed > 0 ? ` · отклонено: ${queue.failed}` : ''}
          </p>
          <p id="queue-sync" class="muted">
            Очередь отправлена: {formatSyncTime(queue.lastSyncAt)}
          </p>
          {queue.items.length > 0 && (
            <ol id="queue-items" style={{ paddingLeft: '18px', margin: '4px 0' }}>
              {queue.items.map((item) => (
                <li key={item.id} data-state={item.state} title={item.lastError ?? ''}>
                  {item.summary} —{' '}
                  <span class={item.state === 'failed' ? 'error' : item.state === 'sent' ? 'ok' : 'muted'}>
                    {QUEUE_STATE_TEXT[item.state]}
                  </span>
                  {item.lastError && item.state !== 'sent' && (
                    <div class="muted" style={{ fontSize: '12px' }}>
                      {item.lastError}
                    </div>
                  )}
                </li>
              ))}
            </ol>
          )}
          {queue.queued > 0 && (
            <button id="send-now" type="button" class="secondary" onClick={sendNow}>
              Отправить сейчас
            </button>
          )}
        </section>
      )}
    </main>
  );
}
