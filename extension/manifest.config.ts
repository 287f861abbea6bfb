import { defineManifest } from '@crxjs/vite-plugin';
import { EXTENSION_GECKO_ID, EXTENSION_PUBLIC_KEY } from './identity.ts';

/** Local servers are allowed up front; any https server is asked for from the options page. */
export const LOCAL_SERVER_ORIGINS = ['http://localhost/*', 'http://127.0.0.1/*'];

/** Which build: `chrome` runs in Chrome, Yandex Browser and Edge; `firefox` in Firefox (ESR 140 and later). */
export type TargetBrowser = 'chrome' | 'firefox';

/** The oldest Firefox the build is for: the previous ESR, still Debian 12's main-archive firefox-esr (140.x). */
export const FIREFOX_MIN_VERSION = '140.0';

const shared = {
  manifest_version: 3,
  name: 'Воронка — CRM',
  description: 'Воронка продаж рядом с почтой, телефонией и 1С.',
  version: '0.1.0',
  action: { default_title: 'Воронка', default_popup: 'src/popup/index.html' },
  options_ui: { page: 'src/options/index.html', open_in_tab: true },
  // notifications: incoming calls; alarms: reopen the live channel and retry the offline queue after
  // the browser stops the background; scripting: the content script is registered only for the sites
  // the user turned on and granted (background/sites.ts), so no site is read without being asked for.
  permissions: ['storage', 'notifications', 'alarms', 'scripting'],
  host_permissions: LOCAL_SERVER_ORIGINS,
  // http: an internal Roundcube is often plain http; the options page warns when such a site is added.
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
} as const;

/**
 * One manifest per browser from the same sources. Chromium: a background service worker, the `key`
 * that pins the extension id, minimum_chrome_version. Firefox: no MV3 background service worker in
 * its release channels (ESR 153 included), so the same module runs as an event page
 * (`background.scripts`, crxjs `browser: 'firefox'` writes the loader there); the add-on id is the
 * gecko id (Firefox ignores `key`), and what the extension sends to the user's own server is declared
 * for Firefox's data-collection consent (mail addresses, names, subjects, page content: the card lookup).
 */
export function manifestFor(target: TargetBrowser) {
  if (target === 'firefox')
    return defineManifest({
      ...shared,
      permissions: [...shared.permissions],
      host_permissions: [...shared.host_permissions],
      optional_host_permissions: [...shared.optional_host_permissions],
      background: { scripts: ['src/background/index.ts'], type: 'module' },
      browser_specific_settings: {
        gecko: {
          id: EXTENSION_GECKO_ID,
          strict_min_version: FIREFOX_MIN_VERSION,
          data_collection_permissions: { required: ['personallyIdentifyingInfo', 'personalCommunications', 'websiteContent'] },
        },
      },
    });
  return defineManifest({
    ...shared,
    permissions: [...shared.permissions],
    host_permissions: [...shared.host_permissions],
    optional_host_permissions: [...shared.optional_host_permissions],
    key: EXTENSION_PUBLIC_KEY,
    minimum_chrome_version: '120',
    background: { service_worker: 'src/background/index.ts', type: 'module' },
  });
}

export default manifestFor('chrome');
