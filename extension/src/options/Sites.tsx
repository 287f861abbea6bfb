import { browser } from '../shared/browser';
import { useEffect, useState } from 'preact/hooks';
import type { SettingsView, SiteSettings } from '../shared/messages';
import { sendToBackground } from '../shared/send';
import { hostedSites, insecureWarning, isInsecureOrigin, readSiteOrigin } from '../shared/sites';

/**
 * Where the extension works. Each hosted webmail and each own address is asked for as an optional
 * host permission when turned on (the browser shows its prompt; Chrome and Firefox both accept it only
 * from a user gesture, so it must be the click's first await).
 */
export function Sites() {
  const [view, setView] = useState<SettingsView | null>(null);
  const [origin, setOrigin] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** A scheme-less address: what it would become over https and over http, until the user picks one. */
  const [choice, setChoice] = useState<{ https: string; http: string } | null>(null);

  useEffect(() => {
    sendToBackground('settings', {}).then(setView, (err: Error) => setError(err.message));
  }, []);

  async function save(next: SiteSettings, ask: string[] = []) {
    setError(null);
    if (ask.length && !(await browser.permissions.request({ origins: ask }))) {
      setError('Без разрешения браузера расширение не сможет работать на этом сайте');
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
    if (!on) void browser.permissions.remove({ origins: [...matches] }).catch(() => undefined);
  }

  function addOrigin(event: Event) {
    event.preventDefault();
    setChoice(null);
    const typed = readSiteOrigin(origin);
    if (typed.kind === 'invalid') {
      setError('Укажите адрес вида https://mail.company.ru или http://mail.company.ru');
      return;
    }
    if (typed.kind === 'choose') {
      // Never guess the scheme silently: an internal Roundcube is often http-only, a public one https.
      setError(null);
      setChoice({ https: typed.https, http: typed.http });
      return;
    }
    addChosen(typed.origin);
  }

  function addChosen(value: string) {
    setChoice(null);
    setOrigin('');
    if (current.customOrigins.includes(value)) return;
    void save({ ...current, customOrigins: [...current.customOrigins, value] }, [`${value}/*`]);
  }

  function removeOrigin(value: string) {
    void save({ ...current, customOrigins: current.customOrigins.filter((o) => o !== value) });
    void browser.permissions.remove({ origins: [`${value}/*`] }).catch(() => undefined);
  }

  const isActive = (patterns: readonly string[]) => patterns.some((p) => view.active.includes(p));

  return (
    <section id="sites">
      <h2>Где работает расширение</h2>
      <p class="muted">
        Боковая панель с карточкой клиента в почте и кнопка звонка у телефонов. Браузер спросит разрешение для каждого сайта; уже открытые
        вкладки этого сайта подхватят расширение сразу, без перезагрузки.
      </p>
      {hostedSites.map((site) => (
        <label key={site.id} class="check">
          <input
            type="checkbox"
            data-site={site.id}
            checked={current.sites.includes(site.id)}
            onChange={(e) => toggleSite(site.id, site.matches, e.currentTarget.checked)}
          />
          <span>
            {site.title}
            {current.sites.includes(site.id) && !isActive(site.matches) ? ' — нет разрешения' : ''}
          </span>
        </label>
      ))}
      <h3>Свои адреса</h3>
      <p class="muted">Roundcube, веб-софтфон, веб-клиент 1С или любой сайт с телефонами: расширение узнает их по странице.</p>
      <ul id="custom-origins">
        {current.customOrigins.map((value) => (
          <li key={value} data-origin={value}>
            <span class="origin">{value}</span>
            {!isActive([`${value}/*`]) ? ' — нет разрешения' : ''}{' '}
            <button type="button" class="secondary inline" onClick={() => removeOrigin(value)}>
              Убрать
            </button>
            {isInsecureOrigin(value) && (
              <p class="warning" data-testid="insecure-warning" role="note">
                {insecureWarning(value)}
              </p>
            )}
          </li>
        ))}
      </ul>
      <form id="add-origin" onSubmit={addOrigin} class="row">
        <input
          id="custom-origin"
          placeholder="https://mail.company.ru"
          aria-label="Адрес сайта"
          value={origin}
          onInput={(e) => {
            setOrigin(e.currentTarget.value);
            setChoice(null);
          }}
        />
        <button id="add-origin-submit" type="submit" class="secondary inline">
          Добавить
        </button>
      </form>
      {choice && (
        <div id="scheme-choice" data-testid="scheme-choice" role="alert" class="notice">
          <p>
            Адрес указан без https:// или http://. Расширение добавит его как <b id="scheme-https">{choice.https}</b> — так работает почта с
            сертификатом. Внутренний Roundcube часто открывается только по http://: проверьте, как адрес выглядит в строке браузера, и
            выберите.
          </p>
          <div class="actions">
            <button id="add-https" type="button" class="inline" onClick={() => addChosen(choice.https)}>
              Добавить {choice.https}
            </button>
            <button id="add-http" type="button" class="secondary inline" onClick={() => addChosen(choice.http)}>
              Добавить {choice.http} (без шифрования)
            </button>
          </div>
        </div>
      )}
      <h3>Звонки</h3>
      <label class="check">
        <input
          id="call-popups"
          type="checkbox"
          checked={current.callPopups}
          onChange={(e) => void save({ ...current, callPopups: e.currentTarget.checked })}
        />
        <span>Показывать карточку входящего звонка поверх страницы (иначе — уведомление)</span>
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
