const LEGAL_FORMS = ['ооо', 'оао', 'зао', 'пао', 'ао', 'ип', 'нао', 'тоо', 'ооо пкф', 'ооо тд'];
const LEGAL_FORM_RE = new RegExp(`^(?:${LEGAL_FORMS.sort((a, b) => b.length - a.length).join('|')})(?=\\s|$)`, 'u');

/** Folds a company name for dedup and prefix search: legal form and quotes gone, ё→е, case and spaces folded. */
export function normalizeCompanyName(name: string): string {
  let s = name
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'„“”`]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let i = 0; i < 2; i++) s = s.replace(LEGAL_FORM_RE, '').trim();
  return s;
}
