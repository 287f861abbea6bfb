import type { GenericHost } from './types';

/**
 * Any other web page: click-to-call on the phone numbers it shows (content/phones.ts), no mail
 * reading. It is the fallback of `hostFor`, never matched before a specific site; it reads no
 * selectors of its own, and content/phones.ts holds what it skips.
 */
export const generic: GenericHost = {
  id: 'generic',
  kind: 'generic',
  title: 'Любой сайт (только телефоны)',
  matches: ['https://*/*', 'http://*/*'],
  selectors: {},
  detect: (_doc, url) => url.protocol === 'https:' || url.protocol === 'http:',
};
