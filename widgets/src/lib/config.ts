/** Where a widget gets its data: `data-api` (empty = this origin) and the embed token. */
export interface WidgetConfig {
  apiBase: string;
  token: string | null;
}

/** The token comes from `data-token`, else from the page's `?t=` (the iframe shell is opened with it). */
export function readWidgetConfig(element: Element, pageUrl: string): WidgetConfig {
  const apiBase = element.getAttribute('data-api')?.trim() || new URL(pageUrl).origin;
  const token = element.getAttribute('data-token')?.trim() || new URL(pageUrl).searchParams.get('t');
  return { apiBase, token: token || null };
}
