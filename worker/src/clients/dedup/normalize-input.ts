import { isValidInn, isValidKpp, parseInnKpp, parseKpp } from '../../../../schema/domain/inn';
import { normalizeCompanyName } from '../../../../schema/domain/names';
import { normalizeEmail, normalizePhone, type NormalizedPhone } from '../../../../schema/domain/contact-points';
import type { ContactInput } from '../../../../schema/contracts';
import { AppError, type FieldIssue } from '../../platform/errors';
import type { Lang, Text } from '../../platform/i18n';

export const fieldText = {
  inn: {
    ru: 'ИНН не прошёл проверку контрольной суммы (10 цифр для организации, 12 для ИП и физлица)',
    en: 'The INN fails its checksum (10 digits for an organisation, 12 for a person)',
  },
  kpp: {
    ru: 'КПП — 9 знаков: 4 цифры, 2 цифры или заглавные латинские буквы, 3 цифры',
    en: 'The KPP must be 9 characters: 4 digits, 2 digits or capital letters, 3 digits',
  },
  kppWithoutInn: { ru: 'КПП без ИНН не указывают', en: 'A KPP needs an INN' },
  kppConflict: {
    ru: 'КПП, написанный вместе с ИНН, не совпадает с полем КПП',
    en: 'The KPP written with the INN differs from the KPP field',
  },
  kppForPerson: { ru: 'У ИП и физлица (ИНН из 12 цифр) нет КПП', en: 'A 12-digit INN (person) has no KPP' },
  phone: { ru: 'Не похоже на телефон', en: 'Not a phone number' },
  email: { ru: 'Не похоже на e-mail', en: 'Not an e-mail address' },
  name: { ru: 'Название пустое после удаления формы собственности и кавычек', en: 'The name is empty without its legal form and quotes' },
} satisfies Record<string, Text>;

export interface CompanyFields {
  name: string;
  nameNormalized: string;
  inn: string | null;
  kpp: string | null;
}
export interface ContactFields {
  name: string;
  position: string | null;
  phones: NormalizedPhone[];
  emails: string[];
}

/**
 * Checks ИНН/КПП/name and returns the stored form, or the list of problems by field. The ИНН may be
 * pasted with its label and КПП ("ИНН/КПП 7707083893/773601001"): schema/domain/inn.ts parseInnKpp.
 */
export function checkCompanyFields(
  input: { name?: string | undefined; inn?: string | null | undefined; kpp?: string | null | undefined },
  lang: Lang,
  prefix = 'body',
): { value: Partial<CompanyFields>; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value: Partial<CompanyFields> = {};
  if (input.name !== undefined) {
    const name = input.name.trim().replace(/\s+/g, ' ');
    const nameNormalized = normalizeCompanyName(name);
    if (!nameNormalized) issues.push({ field: `${prefix}.name`, message: fieldText.name[lang] });
    value.name = name;
    value.nameNormalized = nameNormalized;
  }
  const written = input.inn ? parseInnKpp(input.inn) : { inn: null, kpp: null };
  if (input.inn !== undefined) {
    if (written.inn !== null && !isValidInn(written.inn)) issues.push({ field: `${prefix}.inn`, message: fieldText.inn[lang] });
    value.inn = written.inn;
  }
  const typedKpp = input.kpp ? parseKpp(input.kpp) : null;
  if (typedKpp && written.kpp && typedKpp !== written.kpp) issues.push({ field: `${prefix}.kpp`, message: fieldText.kppConflict[lang] });
  if (input.kpp !== undefined || written.kpp !== null) {
    const kpp = typedKpp ?? written.kpp;
    if (kpp !== null && !isValidKpp(kpp)) issues.push({ field: `${prefix}.kpp`, message: fieldText.kpp[lang] });
    else if (kpp !== null && input.inn !== undefined && !value.inn)
      issues.push({ field: `${prefix}.kpp`, message: fieldText.kppWithoutInn[lang] });
    else if (kpp !== null && value.inn?.length === 12) issues.push({ field: `${prefix}.kpp`, message: fieldText.kppForPerson[lang] });
    value.kpp = kpp;
  }
  return { value, issues };
}

/** Phones to E.164 and e-mails lower-cased, each bad one named by its position; repeats dropped. */
export function checkContacts(
  contacts: ContactInput[],
  lang: Lang,
  prefix = 'body.contacts',
): { value: ContactFields[]; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const value = contacts.map((c, i) => {
    const phones = new Map<string, NormalizedPhone>();
    c.phones.forEach((raw, j) => {
      const phone = normalizePhone(raw);
      if (!phone) issues.push({ field: `${prefix}.${i}.phones.${j}`, message: `${fieldText.phone[lang]}: «${raw}»` });
      else if (!phones.has(phone.e164)) phones.set(phone.e164, phone);
    });
    const emails = new Set<string>();
    c.emails.forEach((raw, j) => {
      const email = normalizeEmail(raw);
      if (!email) issues.push({ field: `${prefix}.${i}.emails.${j}`, message: `${fieldText.email[lang]}: «${raw}»` });
      else emails.add(email);
    });
    return { name: c.name.trim(), position: c.position?.trim() || null, phones: [...phones.values()], emails: [...emails] };
  });
  return { value, issues };
}

export function throwIfIssues(issues: FieldIssue[]): void {
  if (issues.length) throw new AppError('validation_failed', undefined, issues);
}
