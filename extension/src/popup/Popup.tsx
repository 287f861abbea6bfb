import { useEffect, useState } from 'preact/hooks';
import { formatSyncTime } from '../shared/format';
import { ringingText } from '../shared/live';
import { isBroadcast, type ConnectionStatus } from '../shared/messages';
import { sendToBackground } from '../shared/send';

/** Connection at a glance; every opening asks the server, so a revoked token shows at once. */
export function Popup() {
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    sendToBackground('status', {}).then(setStatus, (err: Error) => setFailure(err.message));
  }, []);

  // An incoming call while the popup is open (the full call panel comes with the popup UI).
  const [ringing, setRinging] = useState<string | null>(null);
  useEffect(() => {
    const listener = (raw: unknown) => {
      if (isBroadcast(raw) && raw.payload.type === 'call.ringing') setRinging(ringingText(raw.payload.card));
    };
    chrome.runtime.onMessage.addListener(listener);
    return () => chrome.runtime.onMessage.removeListener(listener);
  }, []);

  const optionsUrl = chrome.runtime.getURL(chrome.runtime.getManifest().options_ui?.page ?? '');
  const openOptions = (event: Event) => {
    event.preventDefault();
    void chrome.runtime.openOptionsPage();
  };
  const reason = failure ?? status?.error?.message;

  return (
    <main style={{ width: '300px', padding: '12px 16px' }}>
      <h1>Воронка</h1>
      {ringing && <p id="ringing" data-testid="ringing" class="ok">{ringing}</p>}
      {status === null && !failure && <p id="status" data-testid="status" class="muted">Проверяем подключение…</p>}
      {status?.connected && status.user && <p id="status" data-testid="status" class="ok">Подключено: {status.user.name}</p>}
      {(failure || (status && !status.connected)) && (
        <>
          <p id="status" data-testid="status">Не подключено</p>
          {reason && <p id="reason" data-testid="reason" class="error">{reason}</p>}
          <a id="open-options" data-testid="open-options" href={optionsUrl} onClick={openOptions}>Настройки подключения</a>
        </>
      )}
      {status && <p id="last-sync" data-testid="last-sync" class="muted">Последняя синхронизация: {formatSyncTime(status.lastSyncAt)}</p>}
    </main>
  );
}
