/** ИНН and КПП checks (Federal Tax Service algorithm), shared by the worker, import and seeds. */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  return (sum % 11) % 10;
}

export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn)) return false;
  const d = [...inn].map(Number);
  if (d.length === 10) return checkDigit(d, W10) === d[9];
  return checkDigit(d, W12_1) === d[10] && checkDigit(d, W12_2) === d[11];
}

/** Completes 9 (organisation) or 10 (person) digits with the check digits. */
export function completeInn(body: string): string {
  const d = [...body].map(Number);
  if (d.length === 9) return body + checkDigit(d, W10);
  if (d.length === 10) {
    const first = checkDigit(d, W12_1);
    return body + first + checkDigit([...d, first], W12_2);
  }
  throw new Error(`ИНН body must have 9 or 10 digits, got ${body.length}`);
}

/** КПП: 4 digits of the tax office, 2 of the reason (digits or A–Z), 3 digits of the number. */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}[\dA-Z]{2}\d{3}$/.test(kpp);
}
