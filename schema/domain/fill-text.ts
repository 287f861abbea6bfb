/**
 * A catalogue string's `{name}` placeholders filled in (a placeholder without a value stays as it is).
 * One function for the server (platform/i18n.ts) and the page scripts (pages/src/lib/island.ts).
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
