/**
 * Web sites the extension overlays (webmail, softphone), one declarative file per site:
 * `hosts/<site>.ts` exports a HostSite and is listed here. None yet.
 */
export interface HostSite {
  id: string;
  /** Chrome match patterns, e.g. `https://e.mail.ru/*`. */
  matches: string[];
  /** Selectors the features read on this site, named by what they find. */
  selectors: Record<string, string>;
}

export const hostSites: readonly HostSite[] = [];
