import { startClickToCall } from './click-to-call';
import { listenForPushedCalls, startSoftphone } from './caller-id';
import { startSidebar } from './sidebar';
import type { HostSite } from '../hosts/index';
import type { PageConfig } from '../shared/messages';

/**
 * Overlay features, one file per feature, listed here. The content script entry runs those whose
 * kinds match the page's site; they talk to the server only through the service worker
 * (shared/messages.ts) and draw only in closed shadow roots (content/overlay.ts).
 */
export interface Feature {
  id: string;
  /** Site kinds (hosts/index.ts) the feature runs on. */
  kinds: readonly HostSite['kind'][];
  init: (site: HostSite, config: PageConfig, signal: AbortSignal) => void;
}

export const features: readonly Feature[] = [
  {
    id: 'mail-sidebar',
    kinds: ['mail'],
    init: (site, config, signal) => site.kind === 'mail' && startSidebar(site, config.ownEmail, signal),
  },
  {
    id: 'softphone-caller-id',
    kinds: ['softphone'],
    init: (site, _config, signal) => site.kind === 'softphone' && startSoftphone(site, signal),
  },
  {
    id: 'pushed-calls',
    kinds: ['mail', 'softphone', 'generic'],
    init: (_site, config, signal) => listenForPushedCalls(config.callPopups, signal),
  },
  { id: 'click-to-call', kinds: ['mail', 'softphone', 'generic'], init: (_site, _config, signal) => startClickToCall(signal) },
];
