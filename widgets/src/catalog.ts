/**
 * The widgets there are: each is built to /w/<name>.js, defines <voronka-<name>>, and has an iframe
 * page /w/<name>. The worker's page route, the tokens page and embed.js all read this list.
 */
export const WIDGET_NAMES = ['today', 'month', 'region'] as const;
export type WidgetName = (typeof WIDGET_NAMES)[number];

export function isWidgetName(name: string): name is WidgetName {
  return (WIDGET_NAMES as readonly string[]).includes(name);
}
