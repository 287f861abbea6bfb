import { DOMParser } from '@xmldom/xmldom';
import { planChunks } from '../../pages/src/lib/chunks';
import { autoMap, dataRows, describeMapping, fieldOfHeader, findHeaderRow, toImportRows, type Field } from '../../pages/src/lib/columns';
import { decodeText, detectSeparator, parseCsv, readCsv } from '../../pages/src/lib/csv';
import { SpreadsheetError, type SpreadsheetReason } from '../../pages/src/lib/sheet';
import { readSpreadsheet } from '../../pages/src/lib/sheet-file';
import { MESSAGES, msg } from '../../worker/src/platform/i18n';
import { formatNumber, readXlsx, type XmlParser } from '../../pages/src/lib/xlsx';
import { buildXlsx, withPart } from '../helpers/xlsx';

// The browser's DOMParser in the page; a W3C one in Node (bad XML still throws, quietly).
const parser = new DOMParser({ onError: () => undefined }) as unknown as XmlParser;
const read = (bytes: Uint8Array) => readXlsx(bytes, parser);
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1251 bytes of Russian text (А–я at 0xC0–0xFF, Ё 0xA8, ё 0xB8), as Russian Excel saves CSV. */
function cp1251(s: string): Uint8Array {
  return Uint8Array.from(
    [...s].map((ch) => {
      const code = ch.charCodeAt(0);
      if (code < 0x80) return code;
      if (code >= 0x410 && code <= 0x44f) return code - 0x410 + 0xc0;
      if (ch === 'Ё') return 0xa8;
      if (ch === 'ё') return 0xb8;
      throw new Error(`no cp1251 byte for ${ch}`);
    }),
  );
}

describe('XLSX reader', () => {
  test('reads shared strings and numbers; an ИНН stored as a number keeps all its digits', () => {
    const xlsx = buildXlsx([
      ['Наименование', 'ИНН', 'КПП', 'Сумма'],
      ['ООО «Кровля»', 7707083893, 770101001, 1.5],
      ['ИП Петров', 500100732259, null, 0.1 + 0.2],
    ]);

    expect(read(xlsx)).toEqual([
      { rowNo: 1, cells: ['Наименование', 'ИНН', 'КПП', 'Сумма'] },
      { rowNo: 2, cells: ['ООО «Кровля»', '7707083893', '770101001', '1.5'] },
      { rowNo: 3, cells: ['ИП Петров', '500100732259', '', '0.3'] },
    ]);
  });

  test('numbers written with ".0" or an exponent come out as plain digits', () => {
    const xlsx = buildXlsx([
      ['ИНН'],
      [{ raw: '7707083893.0' }],
      [{ raw: '7.707083893E+9' }],
      [{ raw: '7.707083893E9' }],
      [{ raw: '-12.50' }],
    ]);

    expect(
      read(xlsx)
        .slice(1)
        .map((r) => r.cells[0]),
    ).toEqual(['7707083893', '7707083893', '7707083893', '-12.5']);
    expect(formatNumber('5.00100732259E11')).toBe('500100732259');
  });

  test('inline strings, skipped cells and skipped rows keep their places', () => {
    const xlsx = buildXlsx(
      [
        ['Наименование', 'ИНН', 'Телефон'],
        [{ inline: 'ООО "Профлист"' }, null, '+7 495 123-45-67'],
      ],
      { rowNumbers: [1, 4] },
    );

    expect(read(xlsx)).toEqual([
      { rowNo: 1, cells: ['Наименование', 'ИНН', 'Телефон'] },
      { rowNo: 4, cells: ['ООО "Профлист"', '', '+7 495 123-45-67'] },
    ]);
  });

  test('finds the first sheet through the workbook relationships, whatever its file is called', () => {
    const xlsx = buildXlsx([['Организация'], ['Альфа']], { sheetPath: 'xl/worksheets/clients.xml' });

    expect(read(xlsx).map((r) => r.cells[0])).toEqual(['Организация', 'Альфа']);
  });

  test('reads worksheets whose elements carry a namespace prefix', () => {
    const xlsx = buildXlsx(
      [
        ['Клиент', 'ИНН'],
        ['Бета', 7702070139],
      ],
      { prefix: 'x' },
    );

    expect(read(xlsx)).toEqual([
      { rowNo: 1, cells: ['Клиент', 'ИНН'] },
      { rowNo: 2, cells: ['Бета', '7702070139'] },
    ]);
  });

  test('joins the runs of rich text and leaves out phonetic hints', () => {
    const xlsx = withPart(
      buildXlsx([['x']]),
      'xl/sharedStrings.xml',
      `<?xml version="1.0"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><r><t>ООО </t></r><r><rPr><b/></rPr><t>«Гамма»</t></r><rPh sb="0" eb="1"><t>ガンマ</t></rPh></si></sst>`,
    );

    expect(read(xlsx)[0]!.cells).toEqual(['ООО «Гамма»']);
  });

  test('reads a sheet longer than one parsing piece, every row in order', () => {
    const rows = [['Наименование', 'ИНН'], ...Array.from({ length: 12_000 }, (_, i) => [`Фирма ${i + 1}`, 1_000_000_000 + i])];

    const result = read(buildXlsx(rows));

    expect(result).toHaveLength(12_001);
    expect(result[12_000]).toEqual({ rowNo: 12_001, cells: ['Фирма 12000', '1000011999'] });
    expect(result.every((r, i) => r.rowNo === i + 1)).toBe(true);
  });

  test('tells why a file is not a readable .xlsx, and the catalogue says it in either language', () => {
    const reason = (bytes: Uint8Array) => {
      try {
        read(bytes);
      } catch (err) {
        return err instanceof SpreadsheetError ? err.reason : `other: ${String(err)}`;
      }
      return 'read';
    };
    expect(reason(utf8('Наименование;ИНН'))).toBe('notXlsx');
    expect(reason(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('oldXls');
    expect(reason(withPart(buildXlsx([['a']]), 'xl/worksheets/sheet1.xml', '<worksheet><sheetData><row>'))).toBe('badXml');
    expect(reason(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toBe('notXlsx');
    expect(() => readSpreadsheet(new Uint8Array())).toThrow(new SpreadsheetError('empty'));
    for (const r of ['empty', 'notXlsx', 'badXml', 'oldXls', 'noSheet'] satisfies SpreadsheetReason[]) {
      const words = MESSAGES[`import.file.${r}`];
      expect(words.ru).toMatch(/[а-я]/);
      expect(words.en).not.toMatch(/[а-яё]/i);
    }
    expect(msg('import.file.oldXls', 'ru')).toMatch(/старый формат Excel \(\.xls\)/);
  });
});

describe('CSV reader', () => {
  test('splits on ";" with quoted separators, quotes and line breaks inside fields', () => {
    const text =
      'Наименование;Комментарий;ИНН\r\n"ООО ""Кровля""; склад";"Звонить после обеда,\r\nлучше в среду";7707083893\r\nАльфа;;\r\n';

    expect(parseCsv(text)).toEqual([
      { rowNo: 1, cells: ['Наименование', 'Комментарий', 'ИНН'] },
      { rowNo: 2, cells: ['ООО "Кровля"; склад', 'Звонить после обеда,\r\nлучше в среду', '7707083893'] },
      { rowNo: 3, cells: ['Альфа', '', ''] },
    ]);
  });

  test('detects ",", tab and ";" — a ";" file with commas in its comments stays ";"', () => {
    expect(detectSeparator('name,inn\nАльфа,7707083893\nБета,7702070139')).toBe(',');
    expect(detectSeparator('Наименование\tИНН\nАльфа\t7707083893')).toBe('\t');
    expect(detectSeparator('Наименование;ИНН;Комментарий\nАльфа;7707083893;звонил, просил КП, перезвонить\nБета;7702070139;нет')).toBe(';');
    expect(parseCsv('Наименование,ИНН\n"Альфа, ООО",7707083893\n')[1]!.cells).toEqual(['Альфа, ООО', '7707083893']);
  });

  test('reads UTF-8 with and without BOM, and Windows-1251 when the bytes are not UTF-8', () => {
    const text = 'Наименование;ИНН\r\nООО Ёлка;7707083893\r\n';
    const expected = [
      { rowNo: 1, cells: ['Наименование', 'ИНН'] },
      { rowNo: 2, cells: ['ООО Ёлка', '7707083893'] },
    ];

    expect(readCsv(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual(expected);
    expect(readCsv(utf8(text))).toEqual(expected);
    expect(readCsv(cp1251(text))).toEqual(expected);
    expect(decodeText(cp1251('ёжик'))).toBe('ёжик');
  });

  test('numbers records as Excel numbers rows: blank lines count, a final line break adds none', () => {
    expect(parseCsv('Наименование\n\nАльфа\n').map((r) => [r.rowNo, r.cells])).toEqual([
      [1, ['Наименование']],
      [2, ['']],
      [3, ['Альфа']],
    ]);
  });
});

describe('header auto-mapping', () => {
  test.each<[string, Field | null]>([
    ['Наименование', 'name'],
    ['Наименование организации', 'name'],
    ['Организация', 'name'],
    ['Компания', 'name'],
    ['Клиент', 'name'],
    ['Контрагент', 'name'],
    ['ИНН', 'inn'],
    ['ИНН/КПП', 'inn'],
    ['КПП', 'kpp'],
    ['Телефон', 'phone'],
    ['Тел.', 'phone'],
    ['Моб.', 'phone'],
    ['Мобильный', 'phone'],
    ['Телефон контактного лица', 'phone'],
    ['Контактный телефон', 'phone'],
    ['E-mail', 'email'],
    ['Email', 'email'],
    ['e-mail', 'email'],
    ['Почта', 'email'],
    ['Эл. почта', 'email'],
    ['Электронная почта', 'email'],
    ['Контактное лицо', 'contact'],
    ['ФИО', 'contact'],
    ['Контакт', 'contact'],
    ['Должность', 'position'],
    ['Регион', 'region'],
    ['Город', 'region'],
    ['Комментарий', 'comment'],
    ['Примечание', 'comment'],
    ['Заметки', 'comment'],
    ['  КОММЕНТАРИЙ  ', 'comment'],
    ['№ п/п', null],
    ['Сумма', null],
    ['', null],
    ['Контактный', null],
  ])('«%s» → %s', (header, field) => {
    expect(fieldOfHeader(header)).toBe(field);
  });

  test('a single-valued field goes to the first column naming it; phones and comments may come from several', () => {
    expect(autoMap(['Наименование', 'Организация', 'Телефон', 'Моб.', 'Комментарий', 'Примечание', 'Сумма'])).toEqual([
      'name',
      null,
      'phone',
      'phone',
      'comment',
      'comment',
      null,
    ]);
  });

  test('skips a title line above the table and builds API rows from the mapped columns', () => {
    const sheet = parseCsv(
      'Клиенты на 01.03.2026;;\n\nНаименование;Телефон;Моб.;Сумма\nАльфа;+7 495 111-11-11;8 916 222-22-22;100\n;;;\nБета;;;\n',
    );
    const header = findHeaderRow(sheet);
    const mapping = autoMap(sheet[header]!.cells);

    expect(header).toBe(2);
    expect(toImportRows(dataRows(sheet, header), mapping)).toEqual([
      { rowNo: 4, name: 'Альфа', phone: '+7 495 111-11-11; 8 916 222-22-22' },
      { rowNo: 6, name: 'Бета' },
    ]);
    expect(describeMapping(sheet[header]!.cells, mapping)).toEqual({ Наименование: 'name', Телефон: 'phone', 'Моб.': 'phone' });
    expect(findHeaderRow(parseCsv('1;2\n3;4\n'))).toBe(-1);
  });
});

describe('request chunks', () => {
  test('keep the rows of one ИНН together, at most 1000 rows each, in file order otherwise', () => {
    const rows = Array.from({ length: 2500 }, (_, i) => ({
      rowNo: i + 2,
      name: `Фирма ${i}`,
      inn: i === 1800 ? '7707083893' : String(1_000_000_000 + i),
    }));
    rows[5]!.inn = '7707083893';

    const chunks = planChunks(rows);

    expect(chunks.map((c) => c.length)).toEqual([1000, 1000, 500]);
    expect(chunks[0]!.filter((r) => r.inn === '7707083893').map((r) => r.rowNo)).toEqual([7, 1802]);
    expect(
      chunks
        .flat()
        .map((r) => r.rowNo)
        .sort((a, b) => a - b),
    ).toEqual(rows.map((r) => r.rowNo));
  });

  test('stay under the byte limit of a request', () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ rowNo: i + 2, name: 'Ж'.repeat(300), comment: 'Я'.repeat(4000) }));

    const chunks = planChunks(rows);

    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => new TextEncoder().encode(JSON.stringify({ rows: c })).length))).toBeLessThan(1_000_000);
  });
});
