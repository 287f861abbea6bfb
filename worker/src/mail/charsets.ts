/**
 * Charset labels as mail servers and scripts really write them (`win-1251`, `windows1251`,
 * `koi8r`, `cp-866`…): TextDecoder knows only the WHATWG Encoding Standard's labels, and
 * postal-mime decodes an unknown one as windows-1252 — Russian text as mojibake. The labels of
 * a raw message are rewritten to the WHATWG name before it is parsed; a known label is left alone.
 */

const ALIASES: Record<string, string> = {
  koi8: 'koi8-r',
  koi8r: 'koi8-r',
  koi: 'koi8-r',
  koi8u: 'koi8-u',
  koi8ru: 'koi8-u',
  maccyrillic: 'x-mac-cyrillic',
  utf8: 'utf-8',
  utf: 'utf-8',
  unicode11utf8: 'utf-8',
  usascii: 'us-ascii',
  ascii: 'us-ascii',
  latin1: 'iso-8859-1',
  windowscyrillic: 'windows-1251',
  wincyrillic: 'windows-1251',
  cyrillic: 'iso-8859-5',
};

const known = new Map<string, boolean>();
function isKnownLabel(label: string): boolean {
  let ok = known.get(label);
  if (ok === undefined) {
    try {
      new TextDecoder(label);
      ok = true;
    } catch {
      ok = false;
    }
    if (known.size < 256) known.set(label, ok);
  }
  return ok;
}

/** The WHATWG label for a label TextDecoder refuses, or null when it is fine as written or unknown either way. */
export function charsetAlias(raw: string): string | null {
  const label = raw
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  if (!label || label.length > 40 || isKnownLabel(label)) return null;
  const compact = label.replace(/^(x-ms-|x-|cs)/, '').replace(/[\s._-]+/g, '');
  const codePage = /^(?:win|windows|cp|ms|wincp|ansi)(125\d)$/.exec(compact)?.[1];
  const candidate = codePage
    ? `windows-${codePage}`
    : /^(?:cp|ibm|dos|ms)866$/.test(compact) || compact === '866'
      ? 'ibm866'
      : /^iso8859(\d{1,2})$/.test(compact)
        ? `iso-8859-${compact.slice(7)}`
        : (ALIASES[compact] ?? null);
  return candidate && isKnownLabel(candidate) ? candidate : null;
}

// `charset=…` of a Content-Type (quoted or not, RFC 2231 `charset*=` too) and the label of an RFC 2047 encoded word.
const LABELS = /(\bcharset\*?\s*=\s*"?)([A-Za-z0-9._:+-]{1,40})|(=\?)([A-Za-z0-9._:+-]{1,40})(?=(\*[A-Za-z-]*)?\?[BbQq]\?)/g;

const CHUNK = 0x8000;
// Longer than any match (`charset*="` with some spaces and a 40-character label), so a label cut
// by a chunk's end is found whole in the next window.
const OVERLAP = 128;

/** The raw message with every misspelled charset label rewritten; the same bytes when there is none. */
export function fixCharsetLabels(bytes: Uint8Array): Uint8Array {
  const pieces: Uint8Array[] = [];
  let last = 0;
  // Window by window, one character per byte, so string offsets are byte offsets (labels are ASCII)
  // and a 25 MiB message is never copied into one string.
  for (let base = 0; base < bytes.byteLength; base += CHUNK) {
    const text = String.fromCharCode(...bytes.subarray(base, base + CHUNK + OVERLAP));
    for (const m of text.matchAll(LABELS)) {
      if (m.index >= CHUNK) break; // the next window finds it
      const label = m[2] ?? m[4]!;
      const alias = charsetAlias(label);
      if (!alias) continue;
      const start = base + m.index + (m[1] ?? m[3]!).length;
      pieces.push(bytes.subarray(last, start), new TextEncoder().encode(alias));
      last = start + label.length;
    }
  }
  if (!pieces.length) return bytes;
  pieces.push(bytes.subarray(last));
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of pieces) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
