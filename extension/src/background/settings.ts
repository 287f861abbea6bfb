import { browser } from '../shared/browser';
import type { Problem, SiteSettings } from '../shared/messages';

/** Non-secret state; browser.storage.local is fine for it (content scripts may read it, nothing here is a secret). */
export interface Settings extends SiteSettings {
  serverUrl: string | null;
  lastSyncAt: number | null;
  /** Last time the offline queue delivered an action. */
  queueSyncAt: number | null;
  /** Why the last connection ended (e.g. the token was revoked), shown until the next sign-in. */
  lastProblem: Problem | null;
}

const DEFAULTS: Settings = {
  serverUrl: null,
  lastSyncAt: null,
  queueSyncAt: null,
  lastProblem: null,
  sites: [],
  customOrigins: [],
  callPopups: true,
};

export async function readSettings(): Promise<Settings> {
  const stored = (await browser.storage.local.get(Object.keys(DEFAULTS))) as Partial<Settings>;
  return { ...DEFAULTS, ...stored };
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  await browser.storage.local.set(patch);
}
