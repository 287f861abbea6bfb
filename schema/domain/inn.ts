/** ИНН and КПП checks (Federal Tax Service algorithm), shared by the worker, import and seeds. */
const W10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const W12_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];

function checkDigit(digits: number[], weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * (digits[i] ?? 0), 0);
  return (sum % 11) % 10;
}

/** Ten (organisation) or twelve (person) digits with good check digits; region code 00 is never issued. */
export function isValidInn(inn: string): boolean {
  if (!/^\d{10}$|^\d{12}$/.test(inn) || inn.startsWith('00')) return false;
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

export interface InnKpp {
  /** The ИНН as typed without its label and spaces: not checked, so a wrong one can be named back. */
  inn: string | null;
  /** A КПП written in the same text ("ИНН/КПП 7707083893/773601001"), upper-cased; null if none. */
  kpp: string | null;
}

const INN_LABEL = String.raw`(?:инн|inn)`;
const KPP_LABEL = String.raw`(?:кпп|kpp)`;
// "ИНН:", "ИНН №", "ИНН/КПП:"; the label may also be glued to its number ("ИНН7707083893").
const LEAD = new RegExp(String.raw`^(?:${INN_LABEL}(?:\s*[/\\]\s*${KPP_LABEL})?|${KPP_LABEL})?[\s:№#.]*`, 'iu');
const KPP_AFTER = new RegExp(String.raw`[\s,;.]*${KPP_LABEL}[\s:№#.]*`, 'iu');
const INN_AFTER = new RegExp(String.raw`[\s,;.]*${INN_LABEL}[\s:№#.]*`, 'iu');
const KPP_LEAD = new RegExp(String.raw`^${KPP_LABEL}[\s:№#.]*`, 'iu');

const squeeze = (text: string) => text.replace(/[\s.,;]+$/u, '').replace(/\s/gu, '');

/**
 * What people paste into an ИНН field → ИНН and КПП: "7707083893", "ИНН 7707083893",
 * "ИНН/КПП 7707083893/773601001", "ИНН: 7707 083 893, КПП: 773601001", "КПП 773601001 ИНН 7707083893".
 * Labels go, spaces of any kind inside the digits go; checking is left to isValidInn / isValidKpp.
 */
export function parseInnKpp(raw: string): InnKpp {
  const text = raw.replace(/\s+/gu, ' ').trim();
  if (!text) return { inn: null, kpp: null };
  const kppFirst = KPP_LEAD.test(text);
  const [first = '', second = null] = text
    .replace(LEAD, '')
    .split(kppFirst ? INN_AFTER : KPP_AFTER)
    .map((part) => part.trim());
  let inn = kppFirst ? second : first;
  let kpp = kppFirst ? first : second;
  if (kpp === null && inn !== null) {
    // One cell of 1C's "ИНН/КПП", or the two numbers side by side.
    const pair = /^(\d[\d ]*?)\s*[/\\|,;]\s*([\dA-Za-z ]+)$/u.exec(inn) ?? /^(\d{9,12}) ([\dA-Za-z]{8,9})$/u.exec(inn);
    if (pair) [, inn = '', kpp = ''] = pair;
  }
  return { inn: inn ? squeeze(inn) || null : null, kpp: kpp ? squeeze(kpp).toUpperCase() || null : null };
}

/** A КПП as typed ("КПП: 7736 01 001") → its nine characters, upper-cased; null when empty. */
export function parseKpp(raw: string): string | null {
  return squeeze(raw.trim().replace(KPP_LEAD, '')).toUpperCase() || null;
}

const LABELED_INN = new RegExp(String.raw`^${INN_LABEL}(?:\s*[/\\]\s*${KPP_LABEL})?[\s:№#.]*\d`, 'iu');

/**
 * The ИНН a search box is asked for: ten or twelve bare digits, or an ИНН behind its label
 * ("ИНН 7707 083 893", "ИНН/КПП 7707083893/773601001"); null for anything else, a phone included.
 */
export function innInQuery(q: string): string | null {
  const text = q.trim();
  const inn = /^\d{10}(\d{2})?$/.test(text) ? text : LABELED_INN.test(text) ? parseInnKpp(text).inn : null;
  return inn && /^\d{10}(\d{2})?$/.test(inn) ? inn : null;
}
