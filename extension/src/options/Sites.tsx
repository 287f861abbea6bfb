import { useEffect, useState } from 'preact/hooks';
import { normalizeSiteOrigin, type SettingsView, type SiteSettings } from '../shared/messages';
import { sendToBackground } from '../shared/send';
import { hostedSites } from '../shared/sites';

/**
 * Where the extension works. Each hosted webmail and each own address is asked for as an optional
 * host permission when turned on (Chrome shows its prompt; it must be the click's first await).
 */
export function Sites() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [origin, setOrigin] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    sendToBackground('settings', {}).then(setView, (err: Error) => setError(err.message));
  }, []);

  async function save(next: SiteSettings, ask: string[] = []) {
    setError(null);
    if (ask.length && !(await chrome.permissions.request({ origins: ask }))) {
      setError('Без разрешения Chrome расширение не сможет работать на этом сайте');
      return;
    }
    try {
      setView(await sendToBackground('saveSettings', next));
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (!view) return <section id="sites">{error ? <p class="error">{error}</p> : <p class="muted">Загрузка…</p>}</section>;
  const current: SiteSettings = { sites: view.sites, customOrigins: view.customOrigins, callPopups: view.callPopups };

  function toggleSite(id: string, matches: readonly string[], on: boolean) {
    const sites = on ? [...current.sites, id] : current.sites.filter((s) => s !== id);
    void save({ ...current, sites }, on ? [...matches] : []);
    if (!on) void chrome.permissions.remove({ origins: [...matches] }).catch(() => undefined);
  }

  function addOrigin(event: Event) {
    event.preventDefault();
    const normalized = normalizeSiteOrigin(origin);
    if (!normalized) {
      setError('Укажите адрес вида https://mail.company.ru (http:// — только localhost и 127.0.0.1)');
      return;
    }
    setOrigin('');
    void save({ ...current, customOrigins: [...current.customOrigins, normalized] }, [`${normalized}/*`]);
  }

  function removeOrigin(value: string) {
    void save({ ...current, customOrigins: current.customOrigins.filter((o) => o !== value) });
    void chrome.permissions.remove({ origins: [`${value}/*`] }).catch(() => undefined);
  }

  const isActive = (patterns: readonly string[]) => patterns.some((p) => view.active.includes(p));

  return (
    <section id="sites">
      <h2>Где работает расширение</h2>
      <p class="muted">
        Боковая панель с карточкой клиента в почте и кнопка звонка у телефонов. Chrome спросит разрешение для каждого сайта.
      </p>
      {hostedSites.map((site) => (
        <label key={site.id} class="check">
          <input
            type="checkbox"
            data-site={site.id}
            checked={current.sites.includes(site.id)}
            onChange={(e) => toggleSite(site.id, site.matches, e.currentTarget.checked)}
          />{' '}
          {site.title}
          {current.sites.includes(site.id) && !isActive(site.matches) ? ' — нет разрешения' : ''}
        </label>
      ))}
      <h3>Свои адреса</h3>
      <p class="muted">Roundcube, веб-софтфон, веб-клиент 1С или любой сайт с телефонами: расширение узнает их по странице.</p>
      <ul id="custom-origins">
        {current.customOrigins.map((value) => (
          <li key={value}>
            {value}
            {!isActive([`${value}/*`]) ? ' — нет разрешения' : ''}{' '}
            <button type="button" class="secondary" onClick={() => removeOrigin(value)}>
              Убрать
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={addOrigin} style={{ display: 'flex', gap: '8px' }}>
        <input id="custom-origin" placeholder="https://mail.company.ru" value={origin} onInput={(e) => setOrigin(e.currentTarget.value)} />
        <button type="submit" class="secondary" style={{ marginTop: 0 }}>
          Добавить
        </button>
      </form>
      <h3>Звонки</h3>
      <label class="check">
        <input
          id="call-popups"
          type="checkbox"
          checked={current.callPopups}
          onChange={(e) => void save({ ...current, callPopups: e.currentTarget.checked })}
        />{' '}
        Показывать карточку входящего звонка поверх страницы (иначе — уведомление)
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
