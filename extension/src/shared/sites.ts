import { hostSites } from '../hosts/index';
import { normalizeSiteOrigin, type SiteSettings } from './messages';

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

/** What the options page makes of an address the user typed as his own site. */
export type TypedOrigin =
  | { kind: 'invalid' }
  /** A scheme was typed: the origin is taken as is; `insecure` when it is plain http off this computer. */
  | { kind: 'origin'; origin: string; insecure: boolean }
  /** No scheme: the user chooses; https is offered first, http is what an internal Roundcube often is. */
  | { kind: 'choose'; https: string; http: string };

const THIS_COMPUTER = ['localhost', '127.0.0.1'];

export function isInsecureOrigin(origin: string): boolean {
  const url = new URL(origin);
  return url.protocol === 'http:' && !THIS_COMPUTER.includes(url.hostname);
}

export function readSiteOrigin(input: string): TypedOrigin {
  const typed = input.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(typed)) {
    const origin = normalizeSiteOrigin(typed);
    return origin ? { kind: 'origin', origin, insecure: isInsecureOrigin(origin) } : { kind: 'invalid' };
  }
  const https = normalizeSiteOrigin(`https://${typed}`);
  const http = normalizeSiteOrigin(`http://${typed}`);
  return https && http ? { kind: 'choose', https, http } : { kind: 'invalid' };
}

/** The warning shown next to a plain-http site, in the list and when it is added. */
export const insecureWarning = (origin: string) =>
  `Соединение без шифрования: ${origin} открывается по http://, письма и телефоны клиентов идут по сети открытым текстом. Если у сайта есть https://, добавьте его.`;
