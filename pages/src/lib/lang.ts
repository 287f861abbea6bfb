import { api } from './api';

/** The page's language (`<html lang>`, the server's uiLang): the signed-in user's setting, else the browser's last choice. */
export function pageLang(): 'ru' | 'en' {
  return document.documentElement.lang === 'en' ? 'en' : 'ru';
}

/**
 * The language switch (#lang-switch, data-lang = the other language). Signed in (`save`), the choice is
 * the user's setting: `PATCH /api/me` keeps it on his row and sets the cookie the sign-in page reads;
 * on the sign-in page only the cookie (platform/i18n.ts LANG_COOKIE).
 */
export function bindLangSwitch({ save }: { save: boolean }): void {
  document.getElementById('lang-switch')?.addEventListener('click', async (event) => {
    const button = event.currentTarget as HTMLButtonElement;
    const lang = button.dataset['lang'] === 'en' ? 'en' : 'ru';
    if (save) {
      button.disabled = true;
      try {
        await api('/api/me', { method: 'PATCH', body: { lang } });
      } catch {
        button.disabled = false;
        return;
      }
    } else {
      document.cookie = `voronka_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
    }
    location.reload();
  });
}
