import { OVERLAY_ATTRIBUTE } from '../shared/phones';
import { OVERLAY_CSS } from './styles';

/**
 * Everything the extension draws on a page lives in a closed shadow root under an element marked
 * with OVERLAY_ATTRIBUTE: the page's CSS cannot restyle it, page scripts cannot read the client
 * card through `element.shadowRoot`, and the phone scan skips it. Text is always rendered as text
 * (Preact escapes it); nothing from the page or the server is ever inserted as HTML.
 */

export interface Overlay {
  host: HTMLElement;
  root: ShadowRoot;
  /** Where Preact renders. */
  mount: HTMLElement;
}

export function createOverlay(kind: string, tag = 'div'): Overlay {
  const host = document.createElement(tag);
  host.setAttribute(OVERLAY_ATTRIBUTE, kind);
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = OVERLAY_CSS;
  const mount = document.createElement('div');
  mount.className = 'voronka';
  root.append(style, mount);
  return { host, root, mount };
}

/**
 * What the content script shows, kept in its own isolated world (invisible to the page): the
 * e2e tests and the bench read it there through the DevTools protocol.
 */
export interface PageProbe {
  site: string;
  sidebar: ShadowRoot | null;
  /** `shownAt`: the document's monotonic timeline (performance.now()), shared by the page and the content script. */
  sidebarShown: { threadKey: string; companyName: string | null; at: number; shownAt: number } | null;
  callCard: ShadowRoot | null;
  callShown: { phone: string; text: string; at: number; shownAt: number } | null;
  toast: string | null;
  /** ☎ buttons drawn since the page loaded: stays put while the page does (the decorator never redoes its own work). */
  callButtonsMade: number;
}

export const probe: PageProbe = {
  site: '',
  sidebar: null,
  sidebarShown: null,
  callCard: null,
  callShown: null,
  toast: null,
  callButtonsMade: 0,
};
(globalThis as { voronkaPage?: PageProbe }).voronkaPage = probe;
