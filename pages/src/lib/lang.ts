/** The language switch (#lang-switch, data-lang = the other language): the choice is kept in a cookie the server reads (platform/i18n.ts). */
export function bindLangSwitch(): void {
  document.getElementById('lang-switch')?.addEventListener('click', (event) => {
    const lang = (event.currentTarget as HTMLElement).dataset['lang'] === 'en' ? 'en' : 'ru';
    document.cookie = `voronka_lang=${lang}; path=/; max-age=31536000; samesite=lax`;
    location.reload();
  });
}
