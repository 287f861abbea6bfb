import type { HostSite } from '../hosts/index';
import { hostFor } from '../hosts/index';

/**
 * The content script's entry to the reading layer, bound to the live page. Kept here rather than
 * in hosts/ so the adapters stay testable on parsed fixtures; typechecking this file is also what
 * proves the browser's `document` fits the DOM slice in hosts/dom.ts.
 */
export function currentHost(): HostSite {
  return hostFor(document, new URL(location.href));
}
