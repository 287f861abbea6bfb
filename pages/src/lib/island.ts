export { fill } from '../../../schema/domain/fill-text';

/**
 * The catalogue strings a page's server put in its JSON island (`messagesFor(keys, lang)` in
 * platform/i18n.ts), read once; a script never imports the catalogue itself.
 */
export function islandText<K extends string>(id: string): Record<K, string> {
  return JSON.parse(document.getElementById(id)?.textContent ?? '{}') as Record<K, string>;
}
