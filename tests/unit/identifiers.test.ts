import { normalizePhone as normalizePhoneOnServer } from '../../schema/domain/contact-points';
import { innInQuery, isValidInn, isValidKpp, parseInnKpp, parseKpp } from '../../schema/domain/inn';
import { findPhonesInText, normalizePhone as normalizePhoneInExtension } from '../../extension/src/shared/phones';
import { checkCompanyFields, checkContacts } from '../../worker/src/clients/dedup/normalize-input';
import { checkImportRow } from '../../worker/src/imports/check-row';
import { planChunks } from '../../pages/src/lib/chunks';
import { innRefused, innWritten } from '../fixtures/identifiers/inn';
import {
  documentNumbersInText,
  notPhones,
  phonesEverywhere,
  phonesAfterLookAlikeWords,
  phonesInFieldsOnly,
  requisitesWithPhone,
} from '../fixtures/identifiers/phones';

const asTable = (rows: { written: string; e164: string; extension: string | null }[]) =>
  rows.map((r) => [r.written, r.e164, r.extension] as const);

describe('a phone typed into a field reads the same on the server and in the extension', () => {
  test.each(asTable([...phonesEverywhere, ...phonesInFieldsOnly]))('server: %p → %s ext %s', (written, e164, extension) => {
    expect(normalizePhoneOnServer(written)).toEqual({ e164, extension });
  });

  test.each(asTable([...phonesEverywhere, ...phonesInFieldsOnly]))('extension: %p → %s ext %s', (written, e164, extension) => {
    expect(normalizePhoneInExtension(written)).toEqual({ e164, extension });
  });

  test.each(notPhones)('neither takes %p for a phone', (written) => {
    expect(normalizePhoneOnServer(written)).toBeNull();
    expect(normalizePhoneInExtension(written)).toBeNull();
  });
});

describe('the page scanner marks the same number, extension included, in running text', () => {
  test.each(phonesEverywhere.map((r) => [r.written, r] as const))('finds %p', (written, row) => {
    const text = `Отдел снабжения. ${written}, звоните с 9 до 18.`;

    const found = findPhonesInText(text);

    const start = text.indexOf(row.number);
    expect(found).toEqual([
      { start, end: start + row.number.length, text: row.number, phone: { e164: row.e164, extension: row.extension } },
    ]);
  });

  test.each(phonesInFieldsOnly.map((r) => r.written))('leaves %p to explicit phone fields', (written) => {
    expect(findPhonesInText(`Отдел снабжения. ${written}, звоните с 9 до 18.`)).toEqual([]);
  });

  test.each(documentNumbersInText)('does not take %s for a phone', (_what, text) => {
    expect(findPhonesInText(text)).toEqual([]);
  });

  test.each(phonesAfterLookAlikeWords)('finds the phone in %p', (text, number, e164) => {
    expect(findPhonesInText(text).map((hit) => [hit.text, hit.phone.e164])).toEqual([[number, e164]]);
  });

  test('finds the phone among requisites and nothing else', () => {
    const { text, number, e164, extension } = requisitesWithPhone;

    const found = findPhonesInText(text);

    expect(found.map((hit) => [hit.text, hit.phone])).toEqual([[number, { e164, extension }]]);
  });
});

describe('ИНН as pasted', () => {
  test.each(innWritten.map((r) => [r.written, r.inn, r.kpp] as const))('%p → ИНН %s, КПП %s', (written, inn, kpp) => {
    const parsed = parseInnKpp(written);

    expect(parsed).toEqual({ inn, kpp });
    expect(isValidInn(parsed.inn!)).toBe(true);
    if (parsed.kpp) expect(isValidKpp(parsed.kpp)).toBe(true);
  });

  test.each(innRefused)('reads %s (%p) as %s and refuses it', (_what, written, inn) => {
    const parsed = parseInnKpp(written);

    expect(parsed.inn).toBe(inn);
    expect(isValidInn(inn)).toBe(false);
  });

  test('empty text is no ИНН', () => {
    expect(parseInnKpp('  ')).toEqual({ inn: null, kpp: null });
    expect(parseKpp(' ')).toBeNull();
  });

  test('a КПП field drops its label and spaces', () => {
    expect(parseKpp('КПП: 7736 01 001')).toBe('773601001');
    expect(parseKpp('7736ab001')).toBe('7736AB001');
  });

  test.each([
    ['7707083893', '7707083893'],
    ['ИНН 7707 083 893', '7707083893'],
    ['ИНН/КПП 7707083893/773601001', '7707083893'],
    ['инн: 500100732259', '500100732259'],
    ['495 123 45 67', null],
    ['8 495 123-45-67', null],
    ['Ромашка', null],
    ['ИНН', null],
  ])('a search for %p looks for ИНН %s', (q, inn) => {
    expect(innInQuery(q)).toBe(inn);
  });
});

describe('the worker reads labeled ИНН and phones wherever they are entered', () => {
  test.each(innWritten.map((r) => [r.written, r.inn, r.kpp] as const))(
    'company fields: ИНН %p is stored as %s with КПП %s',
    (written, inn, kpp) => {
      expect(checkCompanyFields({ inn: written }, 'ru')).toEqual({ value: { inn, ...(kpp ? { kpp } : {}) }, issues: [] });
    },
  );

  test('a КПП field that contradicts the КПП written with the ИНН is named', () => {
    expect(checkCompanyFields({ inn: 'ИНН/КПП 7707083893/773601001', kpp: '770101001' }, 'ru').issues).toEqual([
      { field: 'body.kpp', message: 'КПП, написанный вместе с ИНН, не совпадает с полем КПП' },
    ]);
  });

  test('a КПП with a 12-digit ИНН is still refused when written in one text', () => {
    expect(checkCompanyFields({ inn: 'ИНН/КПП 500100732259/773601001' }, 'en').issues).toEqual([
      { field: 'body.kpp', message: 'A 12-digit INN (person) has no KPP' },
    ]);
  });

  test.each(innRefused)('company fields refuse %s', (_what, written) => {
    expect(checkCompanyFields({ inn: written }, 'ru').issues.map((i) => i.field)).toEqual(['body.inn']);
  });

  test('contacts: every labeled phone of the table is stored as its E.164 and extension', () => {
    const { value, issues } = checkContacts([{ name: 'Иван', phones: phonesEverywhere.map((r) => r.written), emails: [] }], 'ru');

    expect(issues).toEqual([]);
    expect(value[0]!.phones).toEqual([
      { e164: '+74951234567', extension: null },
      { e164: '+78005553535', extension: null },
      { e164: '+79123456789', extension: null },
      { e164: '+73452123456', extension: null },
    ]);
  });

  test('an import row with 1C-style ИНН/КПП and labeled phones in one cell', () => {
    const check = checkImportRow({
      rowNo: 7,
      name: 'ПАО Сбербанк',
      inn: 'ИНН/КПП 7707083893/773601001',
      phone: 'Тел.: +7 (495) 123-45-67 (доб. 204); моб.: 8\u00a0912\u00a0345\u201267\u201289',
    });

    expect(check).toMatchObject({
      ok: true,
      row: {
        inn: '7707083893',
        kpp: '773601001',
        phones: [
          { e164: '+74951234567', extension: '204' },
          { e164: '+79123456789', extension: null },
        ],
      },
    });
  });

  test('an import row restores the zeros a number cell lost, in both parts of "ИНН/КПП"', () => {
    const inn = '0274062111';
    expect(isValidInn(inn)).toBe(true);

    const check = checkImportRow({ rowNo: 2, name: 'Башнефть', inn: `ИНН ${inn.slice(1)}/27401001` });

    expect(check).toMatchObject({ ok: true, row: { inn, kpp: '027401001' } });
  });

  test('an import row whose КПП column contradicts its "ИНН/КПП" cell is refused with the reason', () => {
    const check = checkImportRow({ rowNo: 3, name: 'Сбербанк', inn: '7707083893/773601001', kpp: '770101001' });

    expect(check).toEqual({
      ok: false,
      rowNo: 3,
      reason: {
        ru: 'КПП, написанный вместе с ИНН, не совпадает с полем КПП',
        en: 'The KPP written with the INN differs from the KPP field',
      },
    });
  });

  test.each([
    ['8 495 123-45-67 / 8 916 123-45-67', ['+74951234567', '+79161234567']],
    ['(495) 123-45-67/(495) 123-45-68', ['+74951234567', '+74951234568']],
    ['тел./факс: 8 495 123-45-67, моб.: 8 916 123-45-67', ['+74951234567', '+79161234567']],
    ['Тел/факс 8 495 123-45-67', ['+74951234567']],
    ['+7 495 123-45-67, (доб. 12)', ['+74951234567 доб. 12']],
  ])('an import phone cell %p holds %j', (phone, expected) => {
    const check = checkImportRow({ rowNo: 4, name: 'Ромашка', phone });

    expect(check.ok && check.row.phones.map((p) => (p.extension ? `${p.e164} доб. ${p.extension}` : p.e164))).toEqual(expected);
  });
});

describe('the import page reads the ИНН like the worker when it keeps the rows of one ИНН in one chunk', () => {
  test('a labeled ИНН with its КПП goes with the bare one, a lost leading zero too', () => {
    const rows = [
      { rowNo: 2, name: 'Сбербанк', inn: '7707083893' },
      { rowNo: 3, name: 'Башнефть', inn: '274062111' },
      { rowNo: 4, name: 'Сбербанк, филиал', inn: 'ИНН 7707083893 КПП 773601001' },
      { rowNo: 5, name: 'Башнефть', inn: 'ИНН/КПП 0274062111/027401001' },
    ];

    const chunks = planChunks(rows, 2);

    expect(chunks.map((chunk) => chunk.map((r) => r.rowNo))).toEqual([
      [2, 4],
      [3, 5],
    ]);
  });
});
