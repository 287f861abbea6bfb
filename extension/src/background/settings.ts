import type { Problem } from '../shared/messages';

/** Non-secret state; chrome.storage.local is fine for it (content scripts may read it, nothing here is a secret). */
export interface Settings {
  serverUrl: string | null;
  lastSyncAt: number | null;
  /** Why the last connection ended (e.g. the token was revoked), shown until the next sign-in. */
  lastProblem: Problem | null;
}

const DEFAULTS: Settings = { serverUrl: null, lastSyncAt: null, lastProblem: null };

export async function readSettings(): Promise<Settings> {
  const stored = await chrome.storage.local.get<Settings>(Object.keys(DEFAULTS) as (keyof Settings)[]);
  return { ...DEFAULTS, ...stored };
}

export async function updateSettings(patch: Partial<Settings>): Promise<void> {
  await chrome.storage.local.set(patch);
}
