import { refreshIntervalMs } from './poll';

/** Where a widget gets its data: `data-api` (empty = this origin), the embed token and how often to poll. */
export interface WidgetConfig {
  apiBase: string;
  token: string | null;
  refreshMs: number;
}

/**
 * The token comes from `data-token`, else from the page's `?t=` (the iframe shell is opened with it);
 * the refresh period (seconds) from `data-refresh`, else `?refresh=`.
 */
export function readWidgetConfig(element: Element, pageUrl: string): WidgetConfig {
  const page = new URL(pageUrl);
  const apiBase = element.getAttribute('data-api')?.trim() || page.origin;
  const token = element.getAttribute('data-token')?.trim() || page.searchParams.get('t');
  const refresh = element.getAttribute('data-refresh')?.trim() || page.searchParams.get('refresh');
  return { apiBase, token: token || null, refreshMs: refreshIntervalMs(refresh) };
}
