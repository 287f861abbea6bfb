/** Sums and shares as people type them on the pay pages: whole units and at most two decimals. */
function hundredths(text: string, drop: RegExp): number | null {
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text.replace(drop, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0')) : null;
}

/** «1 250 000,50» → kopecks; null for anything that is not a sum in rubles. */
export const toKopecks = (text: string): number | null => hundredths(text, /[\s\u00a0₽]/g);

/** «1,5» or «80 %» → basis points (150, 8000); null for anything that is not such a percent. */
export const toBasisPoints = (text: string): number | null => hundredths(text, /[\s\u00a0%]/g);
