import { browser } from '../shared/browser';
import { useEffect, useState } from 'preact/hooks';
import { formatSyncTime } from '../shared/format';
import { isLocalServer, normalizeServerUrl, type ConnectionStatus } from '../shared/messages';
import { sendToBackground } from '../shared/send';
import { Sites } from './Sites';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8787';

/** Sign-in to a Voronka server: the password goes to the service worker, which keeps only the token. */
export function OptionsPage() {
  const [status, setStatus] = useState<ConnectionStatus | null>(null);
  const [serverUrl, setServerUrl] = useState(DEFAULT_SERVER_URL);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [retrying, setRetrying] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    sendToBackground('status', {}).then(
      (current) => {
        setStatus(current);
        if (current.serverUrl) setServerUrl(current.serverUrl);
        if (current.user) setEmail(current.user.email);
      },
      (err: Error) => setError(err.message),
    );
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    setError(null);
    const origin = normalizeServerUrl(serverUrl);
    if (!origin) {
      setError('Адрес сервера должен начинаться с https:// (http:// — только для localhost и 127.0.0.1)');
      return;
    }
    // Must run first in the click handler: Chrome and Firefox ask for permissions only during a user gesture.
    if (!isLocalServer(origin) && !(await browser.permissions.request({ origins: [`${origin}/*`] }))) {
      setError(`Без доступа к ${origin} расширение не сможет обращаться к серверу`);
      return;
    }
    setBusy(true);
    try {
      setStatus(await sendToBackground('signIn', { serverUrl: origin, email, password }));
      setPassword('');
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function retry() {
    setError(null);
    setRetrying(true);
    try {
      setStatus(await sendToBackground('status', {}));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setRetrying(false);
    }
  }

  async function signOut() {
    setError(null);
    try {
      setStatus(await sendToBackground('signOut', {}));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  return (
    <main style={{ maxWidth: '560px', margin: '32px auto', padding: '0 16px' }}>
      <h1>Воронка — подключение к серверу</h1>
      {status === null && !error && (
        <p class="muted" data-testid="loading">
          Загрузка…
        </p>
      )}
      {status?.connected && status.user && (
        <section>
          <p id="connection" data-testid="connection" class="ok">
            Подключено как {status.user.name}
          </p>
          <p class="muted">
            {status.user.email} · {status.serverUrl}
          </p>
          <p class="muted" id="last-sync">
            Последняя синхронизация: {formatSyncTime(status.lastSyncAt)}
          </p>
          <button id="sign-out" data-testid="sign-out" class="secondary" type="button" onClick={signOut}>
            Выйти
          </button>
        </section>
      )}
      {status?.unreachable && (
        <section id="unreachable" data-testid="unreachable">
          <p id="connection" data-testid="connection" class="error">
            Сервер недоступен
          </p>
          <p id="unreachable-reason" class="muted">
            {status.error?.message ?? `Нет связи с сервером ${status.serverUrl}`}. Вход сохранён
            {status.user ? ` (${status.user.name}, ${status.user.email})` : ''}: когда сервер ответит, всё заработает само, а действия из
            очереди уйдут.
          </p>
          <p class="muted" id="last-sync">
            Последняя синхронизация: {formatSyncTime(status.lastSyncAt)}
          </p>
          <div class="actions">
            <button id="retry" data-testid="retry" type="button" onClick={retry} disabled={retrying}>
              {retrying ? 'Проверяем…' : 'Повторить'}
            </button>
            <button id="sign-out" data-testid="sign-out" class="secondary" type="button" onClick={signOut}>
              Выйти
            </button>
          </div>
        </section>
      )}
      {(status?.connected || status?.unreachable) && <Sites />}
      {status && !status.connected && !status.unreachable && (
        <form id="sign-in-form" onSubmit={submit} noValidate>
          <p id="connection" data-testid="connection" class="muted">
            Не подключено{status.error ? `: ${status.error.message}` : ''}
          </p>
          <label for="server-url">Адрес сервера</label>
          <input
            id="server-url"
            name="serverUrl"
            type="url"
            required
            value={serverUrl}
            onInput={(e) => setServerUrl(e.currentTarget.value)}
          />
          <label for="email">E-mail</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <label for="password">Пароль</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <button id="sign-in" data-testid="sign-in" type="submit" disabled={busy}>
            {busy ? 'Входим…' : 'Войти'}
          </button>
        </form>
      )}
      {error && (
        <p id="error" data-testid="error" role="alert" class="error">
          {error}
        </p>
      )}
    </main>
  );
}
