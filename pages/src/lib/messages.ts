/**
 * A page script's strings: the server puts them in the page's language into a JSON island
 * (`messagesFor` in worker/src/platform/i18n.ts); the catalogue itself never ships to the browser.
 */
export function readMessages<K extends string>(id: string): Record<K, string> {
  return JSON.parse(document.getElementById(id)?.textContent ?? '{}') as Record<K, string>;
}

/** A catalogue text with its `{name}` places filled, as the server's `fill` does. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (all, name: string) => (name in values ? String(values[name]) : all));
}

/** The page's language, as the server rendered it (`<html lang>`): what API requests ask their messages in. */
export const pageLang = (): 'ru' | 'en' => (document.documentElement.lang === 'en' ? 'en' : 'ru');
