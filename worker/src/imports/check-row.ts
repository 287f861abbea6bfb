import type { ImportRow } from '../../../schema/contracts';
import type { NormalizedPhone } from '../../../schema/domain/contact-points';
import { isValidInn, parseInnKpp, parseKpp } from '../../../schema/domain/inn';
import type { FieldIssue } from '../platform/errors';
import type { Lang, Text } from '../platform/i18n';
import { checkCompanyFields, checkContacts } from '../clients';

export const rowText = {
  nameMissing: { ru: 'Не указано название клиента', en: 'The client name is missing' },
  tooLong: { ru: 'Слишком длинное значение', en: 'Value too long' },
} satisfies Record<string, Text>;

const FIELD_RU: Record<'name' | 'contact' | 'position', string> = { name: 'название', contact: 'контактное лицо', position: 'должность' };
const MAX_LENGTH = { name: 300, contact: 200, position: 200 } as const;

export interface CheckedRow {
  rowNo: number;
  name: string;
  nameNormalized: string;
  inn: string | null;
  kpp: string | null;
  phones: NormalizedPhone[];
  emails: string[];
  contact: string | null;
  position: string | null;
  comment: string | null;
}

export type RowCheck = { ok: true; row: CheckedRow } | { ok: false; rowNo: number; reason: Text };

// "8 (495) 123-45-67, доб. 12" and ", (доб. 12)" keep their extension: a comma before доб/ext does not split.
// A slash between two numbers splits ("8 495 123-45-67 / 8 916 123-45-67"); in "тел./факс" it does not.
const PHONE_SEPARATOR = /[;\n\r]+|,(?!\s*\(?\s*(?:доб|ext|вн|#))|(?<=\d\)?\s*)\/(?=\s*[+\d(])/iu;
const EMAIL_SEPARATOR = /[\s,;]+/u;

const clean = (value: string | undefined) => value?.trim().replace(/\s+/g, ' ') || null;

const withLostZero = (kpp: string | null) => (kpp && /^\d{8}$/.test(kpp) ? `0${kpp}` : kpp);

/**
 * A number cell loses leading zeros (ИНН 0274…, КПП 0274…): put one back when that makes a
 * valid value. The ИНН cell is read like any pasted ИНН ("ИНН/КПП" as 1C exports it, labels,
 * spaces); a КПП it carries goes back with it, so checkCompanyFields can compare it with the КПП column.
 */
function innAndKpp(rawInn: string | null, rawKpp: string | null): { inn: string | null; kpp: string | null } {
  const written = rawInn ? parseInnKpp(rawInn) : { inn: null, kpp: null };
  let inn = written.inn;
  if (inn && /^\d{9}$|^\d{11}$/.test(inn) && isValidInn(`0${inn}`)) inn = `0${inn}`;
  const kppWithInn = withLostZero(written.kpp);
  return { inn: inn && kppWithInn ? `${inn}/${kppWithInn}` : inn, kpp: withLostZero(rawKpp ? parseKpp(rawKpp) : null) };
}

function problemsOf(
  name: string | null,
  contact: string | null,
  position: string | null,
  company: { issues: FieldIssue[] },
  people: { issues: FieldIssue[] },
  lang: Lang,
): string[] {
  const problems: string[] = [];
  if (!name) problems.push(rowText.nameMissing[lang]);
  for (const [field, value] of [
    ['name', name],
    ['contact', contact],
    ['position', position],
  ] as const) {
    if (value && value.length > MAX_LENGTH[field]) {
      problems.push(
        lang === 'ru'
          ? `${rowText.tooLong.ru} в поле «${FIELD_RU[field]}» (больше ${MAX_LENGTH[field]} знаков)`
          : `${rowText.tooLong.en} in ${field} (over ${MAX_LENGTH[field]} characters)`,
      );
    }
  }
  return [...problems, ...company.issues.map((i) => i.message), ...people.issues.map((i) => i.message)];
}

/** One spreadsheet row → the values to store, or the reason it cannot be imported (Russian and English). */
export function checkImportRow(row: ImportRow): RowCheck {
  const name = clean(row.name);
  const contact = clean(row.contact);
  const position = clean(row.position);
  const { inn, kpp } = innAndKpp(clean(row.inn), clean(row.kpp));
  const check = (lang: Lang) => {
    const company = checkCompanyFields({ ...(name ? { name } : {}), inn, kpp }, lang);
    const people = checkContacts(
      [
        {
          name: contact ?? '',
          ...(position ? { position } : {}),
          phones: (row.phone ?? '')
            .split(PHONE_SEPARATOR)
            .map((s) => s.trim())
            .filter(Boolean),
          emails: (row.email ?? '')
            .split(EMAIL_SEPARATOR)
            .map((s) => s.trim())
            .filter(Boolean),
        },
      ],
      lang,
    );
    return { company, people, problems: problemsOf(name, contact, position, company, people, lang) };
  };
  const { company, people, problems } = check('ru');
  if (problems.length || !name)
    return { ok: false, rowNo: row.rowNo, reason: { ru: problems.join('; '), en: check('en').problems.join('; ') } };
  const person = people.value[0]!;
  return {
    ok: true,
    row: {
      rowNo: row.rowNo,
      name: company.value.name!,
      nameNormalized: company.value.nameNormalized!,
      inn: company.value.inn ?? null,
      kpp: company.value.kpp ?? null,
      phones: person.phones,
      emails: person.emails,
      contact,
      position,
      comment: row.comment?.trim() || null,
    },
  };
}
