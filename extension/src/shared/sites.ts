import { hostSites } from '../hosts/index';
import type { SiteSettings } from './messages';

/**
 * Which pages the content script is registered for. Hosted webmail has fixed addresses (the
 * adapters' `matches`); everything self-hosted — Roundcube, a web softphone, the 1C web client —
 * is an origin the user adds, and the adapter is then chosen by the page itself (hostFor).
 */

export interface HostedSite {
  id: string;
  title: string;
  matches: readonly string[];
}

/** Sites with their own addresses, in the order the options page lists them. */
export const hostedSites: readonly HostedSite[] = hostSites
  .filter((site) => site.kind === 'mail' && site.matches.length > 0)
  .map(({ id, title, matches }) => ({ id, title, matches }));

/** The match patterns the user asked for: the chosen hosted sites and his own origins. */
export function wantedPatterns(settings: Pick<SiteSettings, 'sites' | 'customOrigins'>): string[] {
  const patterns = hostedSites.filter((site) => settings.sites.includes(site.id)).flatMap((site) => site.matches);
  for (const origin of settings.customOrigins) patterns.push(`${origin}/*`);
  return [...new Set(patterns)];
}
