import { defineManifest } from '@crxjs/vite-plugin';
import { EXTENSION_PUBLIC_KEY } from './identity.ts';

/** Local servers are allowed up front; any https server is asked for from the options page. */
export const LOCAL_SERVER_ORIGINS = ['http://localhost/*', 'http://127.0.0.1/*'];

export default defineManifest({
  manifest_version: 3,
  name: 'Воронка — CRM',
  description: 'Воронка продаж рядом с почтой, телефонией и 1С.',
  version: '0.1.0',
  key: EXTENSION_PUBLIC_KEY,
  minimum_chrome_version: '120',
  background: { service_worker: 'src/background/index.ts', type: 'module' },
  action: { default_title: 'Воронка', default_popup: 'src/popup/index.html' },
  options_ui: { page: 'src/options/index.html', open_in_tab: true },
  // notifications: incoming calls; alarms: reopen the live channel and retry the offline queue after
  // Chrome stops the worker; scripting: the content script is registered only for the sites the user
  // turned on and granted (background/sites.ts), so no site is read without being asked for.
  permissions: ['storage', 'notifications', 'alarms', 'scripting'],
  host_permissions: LOCAL_SERVER_ORIGINS,
  // http: an internal Roundcube is often plain http; the options page warns when such a site is added.
  optional_host_permissions: ['https://*/*', 'http://*/*'],
  content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
});
