import { browser } from '../shared/browser';
import contentScript from '../content/index.tsx?script&iife';
import type { SettingsView, SiteSettings } from '../shared/messages';
import { wantedPatterns } from '../shared/sites';
import { readSettings, updateSettings } from './settings';

/**
 * The content script is registered at run time (browser.scripting) rather than in the manifest:
 * it runs only on the sites the user turned on AND granted (optional host permissions, asked per
 * site by the options page), and turning a site off or revoking its permission takes it away.
 */

const SCRIPT_ID = 'voronka-pages';

async function permitted(patterns: string[]): Promise<string[]> {
  const checks = await Promise.all(patterns.map((origin) => browser.permissions.contains({ origins: [origin] }).catch(() => false)));
  return patterns.filter((_, i) => checks[i]);
}

/**
 * A registered content script runs only on pages loaded after registration: the tabs of a site
 * already open when it is turned on (or granted) get it injected now, so the ☎ and the card appear
 * without a reload. The host permission just granted is what allows both the query and the injection;
 * a tab the script already runs in ignores the second copy (content/index.tsx).
 */
async function injectIntoOpenTabs(patterns: string[]): Promise<void> {
  if (!patterns.length) return;
  const tabs = await browser.tabs.query({ url: patterns }).catch(() => []);
  await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && !tab.discarded)
      .map((tab) =>
        browser.scripting
          .executeScript({ target: { tabId: tab.id!, allFrames: true }, files: [contentScript], injectImmediately: false })
          .catch((err: unknown) => console.warn(`voronka: could not inject into tab ${tab.id}`, err)),
      ),
  );
}

let syncing: Promise<string[]> = Promise.resolve([]);

/** Makes the registered content script match the settings and the permissions held now. */
export function syncContentScripts(): Promise<string[]> {
  syncing = syncing
    .catch(() => [])
    .then(async () => {
      const settings = await readSettings();
      const active = await permitted(wantedPatterns(settings));
      const current = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
      const before = current[0]?.matches ?? [];
      const same = current[0] && JSON.stringify([...before].sort()) === JSON.stringify([...active].sort());
      if (same) return active;
      if (current.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
      if (active.length) {
        await browser.scripting.registerContentScripts([
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
      await injectIntoOpenTabs(active.filter((pattern) => !before.includes(pattern)));
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
