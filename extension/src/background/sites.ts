import contentScript from '../content/index.tsx?script&iife';
import type { SettingsView, SiteSettings } from '../shared/messages';
import { wantedPatterns } from '../shared/sites';
import { readSettings, updateSettings } from './settings';

/**
 * The content script is registered at run time (chrome.scripting) rather than in the manifest:
 * it runs only on the sites the user turned on AND granted (optional host permissions, asked per
 * site by the options page), and turning a site off or revoking its permission takes it away.
 */

const SCRIPT_ID = 'voronka-pages';

async function permitted(patterns: string[]): Promise<string[]> {
  const checks = await Promise.all(patterns.map((origin) => chrome.permissions.contains({ origins: [origin] }).catch(() => false)));
  return patterns.filter((_, i) => checks[i]);
}

let syncing: Promise<string[]> = Promise.resolve([]);

/** Makes the registered content script match the settings and the permissions held now. */
export function syncContentScripts(): Promise<string[]> {
  syncing = syncing
    .catch(() => [])
    .then(async () => {
      const settings = await readSettings();
      const active = await permitted(wantedPatterns(settings));
      const current = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
      const same = current[0] && JSON.stringify([...(current[0].matches ?? [])].sort()) === JSON.stringify([...active].sort());
      if (same) return active;
      if (current.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
      if (active.length) {
        await chrome.scripting.registerContentScripts([
          {
            id: SCRIPT_ID,
            js: [contentScript],
            matches: active,
            allFrames: true,
            runAt: 'document_idle',
            persistAcrossSessions: true,
          },
        ]);
      }
      return active;
    });
  return syncing;
}

export async function readSiteSettings(): Promise<SettingsView> {
  const settings = await readSettings();
  const active = await syncContentScripts();
  return { sites: settings.sites, customOrigins: settings.customOrigins, callPopups: settings.callPopups, active };
}

export async function saveSiteSettings(next: SiteSettings): Promise<SettingsView> {
  await updateSettings(next);
  return readSiteSettings();
}
