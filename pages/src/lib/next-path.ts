/** Where the sign-in page goes when `?next=` is missing or not a path of this site. */
export const DEFAULT_NEXT = '/app';

const CONTROL = /[\u0000-\u001f\u007f]/;
/** One `/` and then anything but `/` or `\`: browsers read `//host` and `/\host` as another site. */
const SITE_PATH = /^\/[^/\\]/;

function decoded(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/**
 * The page to open after signing in: `next` (already taken from the query) when it is a path of
 * `origin`, else the start page. Browsers drop tabs and newlines inside a URL and turn `\` into
 * `/`, so `/\evil`, `/%5Cevil` and `/<tab>/evil` would all leave the site; they, any control
 * character (also once more decoded) and anything resolving to another origin go to the start page.
 */
export function safeNextPath(next: string | null, origin: string): string {
  if (!next) return DEFAULT_NEXT;
  // Decoded once more too (where it decodes at all: a lone `%` in a query is no threat).
  for (const text of [next, decoded(next) ?? next]) {
    if (!SITE_PATH.test(text) || CONTROL.test(text)) return DEFAULT_NEXT;
  }
  try {
    const target = new URL(next, origin);
    return target.origin === origin ? `${target.pathname}${target.search}${target.hash}` : DEFAULT_NEXT;
  } catch {
    return DEFAULT_NEXT;
  }
}
