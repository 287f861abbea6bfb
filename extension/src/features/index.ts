/**
 * Overlay features, one file per feature: `features/<id>.tsx` exports a Feature and is listed here.
 * A content script entry runs the features whose hosts match the page; they talk to the server
 * only through the service worker (see shared/messages.ts). None yet.
 */
export interface Feature {
  id: string;
  /** Ids of HostSite entries this feature runs on. */
  hosts: string[];
  init: (signal: AbortSignal) => void | Promise<void>;
}

export const features: readonly Feature[] = [];
