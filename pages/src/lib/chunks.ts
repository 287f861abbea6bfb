import type { ImportRow } from '../../../schema/contracts';
import { IMPORT_CHUNK_ROWS } from '../../../schema/domain/import-fields';
import { parseInnKpp } from '../../../schema/domain/inn';

/** The worker refuses bodies over 1 MB; JSON of Cyrillic text is two bytes a letter. */
export const CHUNK_BYTES = 900_000;

/** Rows with the same ИНН share a chunk: the server then sees every repeat together, in preview as in commit. */
function innKey(row: ImportRow): string | null {
  // Read like the worker reads it ("ИНН 7707083893 КПП 773601001" is ИНН 7707083893); Excel may have dropped a leading 0.
  const digits = parseInnKpp(row.inn ?? '')
    .inn?.replace(/\D/g, '')
    .replace(/^0+/, '');
  return digits ? digits : null;
}

/**
 * The rows cut into request-sized chunks (≤ 1000 rows, ≤ ~900 KB), keeping rows of one ИНН
 * together and the file's order otherwise.
 */
export function planChunks(rows: ImportRow[], maxRows = IMPORT_CHUNK_ROWS, maxBytes = CHUNK_BYTES): ImportRow[][] {
  const groups = new Map<string, ImportRow[]>();
  const order: ImportRow[][] = [];
  for (const row of rows) {
    const key = innKey(row);
    const group = key ? groups.get(key) : undefined;
    if (group) group.push(row);
    else {
      const fresh = [row];
      order.push(fresh);
      if (key) groups.set(key, fresh);
    }
  }
  const encoder = new TextEncoder();
  const chunks: ImportRow[][] = [];
  let current: ImportRow[] = [];
  let bytes = 0;
  const flush = () => {
    if (current.length) chunks.push(current);
    current = [];
    bytes = 0;
  };
  for (const group of order) {
    const sizes = group.map((r) => encoder.encode(JSON.stringify(r)).length + 1);
    const size = sizes.reduce((sum, n) => sum + n, 0);
    if (current.length + group.length > maxRows || bytes + size > maxBytes) flush();
    group.forEach((row, i) => {
      if (current.length >= maxRows || bytes + sizes[i]! > maxBytes) flush();
      current.push(row);
      bytes += sizes[i]!;
    });
  }
  flush();
  return chunks;
}
