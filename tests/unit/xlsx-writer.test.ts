import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { readXlsx, type XmlParser } from '../../pages/src/lib/xlsx';
import {
  XLSX_CONTENT_TYPE,
  XLSX_NUMBER_FORMATS,
  columnLetter,
  excelDateSerial,
  sheetNames,
  xlsxResponse,
  xlsxWorkbook,
  type XlsxSheet,
} from '../../worker/src/platform/xlsx';
import { openWithOpenpyxl, type OpenpyxlView } from '../helpers/openpyxl';

const parts = (bytes: Uint8Array) => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));

/** The <c> element at a reference in a worksheet's XML ('' when the cell is not written). */
function cellXml(sheetXml: string, ref: string): string {
  return new RegExp(`<c r="${ref}"[^>]*?(/>|>[\\s\\S]*?</c>)`).exec(sheetXml)?.[0] ?? '';
}
const valueOf = (sheetXml: string, ref: string) => /<v>([^<]*)<\/v>/.exec(cellXml(sheetXml, ref))?.[1];
const styleOf = (sheetXml: string, ref: string) => / s="(\d+)"/.exec(cellXml(sheetXml, ref))?.[1] ?? '0';

/** The one data cell of a one-column sheet of the given kind. */
function single(kind: XlsxSheet['columns'][number]['kind'], value: string | number | null, timeZone?: string): string {
  const xml = parts(xlsxWorkbook([{ name: 'S', columns: [{ header: 'h', kind }], rows: [[value]] }], timeZone ? { timeZone } : {}))[
    'xl/worksheets/sheet1.xml'
  ]!;
  return cellXml(xml, 'A2');
}

const report: XlsxSheet[] = [
  {
    name: 'Выручка: март [2026]',
    columns: [
      { header: 'Менеджер', kind: 'text' },
      { header: 'Сделок', kind: 'int' },
      { header: 'Выручка', kind: 'money', width: 18 },
      { header: 'Конверсия', kind: 'percent' },
      { header: 'Дата', kind: 'date' },
      { header: 'Звонок', kind: 'datetime' },
    ],
    rows: [
      ['Иванова <Анна> & "Ко"', 12, 123456, 8000, '2024-01-01', '2024-01-01T12:30'],
      ['  ведущие пробелы', 0, -150, 1, '1900-02-28', Date.UTC(2024, 0, 1, 9, 30)],
      ['ООО «Ромашка»\u0001\u0008\tтаб', null, 9007199254740991, -250, '1900-03-01', null],
      [null, 1234567, 1, 10000, '1900-01-01', '2026-11-20 23:59:59'],
    ],
  },
  { name: 'выручка: МАРТ [2026]', columns: [{ header: 'x', kind: 'text' }], rows: [] },
];

describe('xlsxWorkbook: the package', () => {
  test('holds every OOXML part, each well-formed XML, with a worksheet, relationship and override per sheet', () => {
    const files = parts(xlsxWorkbook(report));
    expect(Object.keys(files).sort()).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
    ]);
    const errors: string[] = [];
    const parser = new DOMParser({
      onError: (level, message) => {
        if (level !== 'warning') errors.push(message);
      },
    });
    for (const [name, xml] of Object.entries(files)) {
      parser.parseFromString(xml, 'application/xml');
      expect({ name, errors }).toEqual({ name, errors: [] });
    }
    expect(files['[Content_Types].xml']).toContain(
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>',
    );
    expect(files['[Content_Types].xml']).toContain('PartName="/xl/styles.xml"');
    expect(files['xl/_rels/workbook.xml.rels']).toContain(
      'Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"',
    );
    expect(files['xl/workbook.xml']).toContain('<sheet name="выручка МАРТ 2026 (2)" sheetId="2" r:id="rId2"/>');
  });

  test('the header row is bold on a fill, frozen below row 1, and columns take the given or a fitted width', () => {
    const files = parts(xlsxWorkbook(report));
    const sheet = files['xl/worksheets/sheet1.xml']!;
    expect(sheet).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(styleOf(sheet, 'A1')).toBe('1');
    expect(styleOf(sheet, 'F1')).toBe('1');
    const headerXf = /<cellXfs[^>]*>(?:<xf [^>]*\/>)(<xf [^>]*\/>)/.exec(files['xl/styles.xml']!)?.[1];
    expect(headerXf).toContain('fontId="1"');
    expect(files['xl/styles.xml']).toMatch(/<fonts count="2"><font>.*?<\/font><font><b\/>/);
    expect(sheet).toContain('<col min="3" max="3" width="18" customWidth="1"/>');
    expect(sheet).toContain('<col min="1" max="1" width="23" customWidth="1"/>'); // «Иванова <Анна> & "Ко"» is 21 characters
    expect(sheet).toContain('<dimension ref="A1:F5"/>');
  });

  test('each kind gets its own number format: # ##0, roubles, percent, dd.mm.yyyy, dd.mm.yyyy hh:mm', () => {
    const files = parts(xlsxWorkbook(report));
    const styles = files['xl/styles.xml']!;
    expect(styles).toContain('<numFmt numFmtId="164" formatCode="#,##0.00\\ &quot;₽&quot;"/>');
    expect(styles).toContain('<numFmt numFmtId="165" formatCode="dd\\.mm\\.yyyy"/>');
    expect(styles).toContain('<numFmt numFmtId="166" formatCode="dd\\.mm\\.yyyy\\ hh:mm"/>');
    const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/numFmtId="(\d+)"/g)].map((m) => m[1]);
    const sheet = files['xl/worksheets/sheet1.xml']!;
    const formatAt = (ref: string) => xfs[Number(styleOf(sheet, ref))];
    expect(['B2', 'C2', 'D2', 'E2', 'F2'].map(formatAt)).toEqual(['3', '164', '10', '165', '166']); // 3 = #,##0, 10 = 0.00%
    expect(cellXml(sheet, 'A2')).toMatch(/^<c r="A2" t="inlineStr">/);
  });
});

describe('xlsxWorkbook: values', () => {
  test('text is escaped, characters XML 1.0 forbids are dropped, spaces and Excel-escape look-alikes are kept literally', () => {
    const sheet = parts(xlsxWorkbook(report))['xl/worksheets/sheet1.xml']!;
    expect(cellXml(sheet, 'A2')).toBe(
      '<c r="A2" t="inlineStr"><is><t xml:space="preserve">Иванова &lt;Анна&gt; &amp; &quot;Ко&quot;</t></is></c>',
    );
    expect(cellXml(sheet, 'A3')).toContain('<t xml:space="preserve">  ведущие пробелы</t>');
    expect(cellXml(sheet, 'A4')).toContain('<t xml:space="preserve">ООО «Ромашка»\tтаб</t>');
    expect(single('text', 'код _x0041_ и \uD800 один\r\nдва\u{1F600}')).toContain(
      '<t xml:space="preserve">код _x005F_x0041_ и  один\nдва\u{1F600}</t>',
    );
    expect(single('text', 7707083893)).toContain('<t xml:space="preserve">7707083893</t>');
  });

  test.each([
    [1, '0.01'],
    [10, '0.10'],
    [99, '0.99'],
    [100, '1.00'],
    [0, '0.00'],
    [-1, '-0.01'],
    [-150, '-1.50'],
    [-100, '-1.00'],
    [123456, '1234.56'],
    [2 ** 53 - 1, '90071992547409.91'],
    [-(2 ** 53 - 1), '-90071992547409.91'],
  ])('money: %p kopecks are written as exactly %p roubles', (kopecks, roubles) => {
    expect(single('money', kopecks)).toBe(`<c r="A2" s="3"><v>${roubles}</v></c>`);
  });

  test.each([
    [8000, '0.8'],
    [10000, '1'],
    [1, '0.0001'],
    [-250, '-0.025'],
    [12345, '1.2345'],
    [0, '0'],
  ])('percent: %p basis points are the fraction %p', (basisPoints, fraction) => {
    expect(single('percent', basisPoints)).toBe(`<c r="A2" s="4"><v>${fraction}</v></c>`);
  });

  test.each([
    ['1900-01-01', 1],
    ['1900-02-28', 59],
    ['1900-03-01', 61],
    ['1970-01-01', 25569],
    ['2024-01-01', 45292],
    ['2024-02-29', 45351],
    ['9999-12-31', 2958465],
  ])('date %p is Excel day %p (the 1900 system counts a 29 February 1900 that never was)', (date, serial) => {
    expect(single('date', date)).toBe(`<c r="A2" s="5"><v>${serial}</v></c>`);
  });

  test('a date given as epoch ms is the day in the time zone', () => {
    const lateEvening = Date.UTC(2023, 11, 31, 22, 30); // 01:30 on 1 January 2024 in Moscow
    expect(valueOf(single('date', lateEvening), 'A2')).toBe('45292');
    expect(valueOf(single('date', lateEvening, 'UTC'), 'A2')).toBe('45291');
  });

  test('datetimes: epoch ms shown in the time zone (Moscow by default), local strings as written', () => {
    expect(Number(valueOf(single('datetime', Date.UTC(2024, 0, 1, 9, 30)), 'A2'))).toBe(45292 + 12.5 / 24);
    expect(Number(valueOf(single('datetime', Date.UTC(2024, 0, 1, 9, 30), 'Asia/Yekaterinburg'), 'A2'))).toBe(45292 + 14.5 / 24);
    expect(Number(valueOf(single('datetime', '2024-01-01T12:30'), 'A2'))).toBe(45292 + 12.5 / 24);
    expect(Number(valueOf(single('datetime', '2024-01-01 00:00:01'), 'A2'))).toBe(45292 + 1 / 86400);
    expect(Number(valueOf(single('datetime', Date.UTC(2024, 0, 1, 9, 30), 'Mars/Olympus'), 'A2'))).toBe(45292 + 12.5 / 24); // unknown zone → Moscow
  });

  test('a zone with summer time: each instant gets the offset of its own side of the change', () => {
    const zurich = (ms: number) => Number(valueOf(single('datetime', ms, 'Europe/Zurich'), 'A2'));
    expect(zurich(Date.UTC(2024, 2, 31, 0, 59, 59))).toBe((45382 * 86400 + 1 * 3600 + 59 * 60 + 59) / 86400); // 01:59:59 CET
    expect(zurich(Date.UTC(2024, 2, 31, 1, 0, 0))).toBe(45382 + 3 / 24); // 03:00 CEST
  });

  test('null, a missing value or an empty string leaves the cell out', () => {
    const sheet = parts(
      xlsxWorkbook([
        {
          name: 'S',
          columns: [
            { header: 'a', kind: 'text' },
            { header: 'b', kind: 'money' },
            { header: 'c', kind: 'int' },
          ],
          rows: [['', null]],
        },
      ]),
    )['xl/worksheets/sheet1.xml']!;
    expect(/<row r="2">(.*?)<\/row>/.exec(sheet)?.[1]).toBe('');
  });

  test.each([
    ['money', 12.5, 'integer kopecks'],
    ['money', '100', 'integer kopecks'],
    ['int', 1.5, 'a safe integer'],
    ['percent', 2 ** 53, 'integer basis points'],
    ['date', '2026-02-30', 'a date'],
    ['date', '1899-12-31', 'a date'],
    ['date', '20.11.2026', 'a date'],
    ['datetime', '2026-11-20T24:00', 'epoch ms'],
    ['text', Number.NaN, 'text or a finite number'],
  ] as const)('a %s column refuses %p, naming sheet, row and column', (kind, value, expected) => {
    expect(() => single(kind, value)).toThrow(new RegExp(`sheet «S», row 2, column «h» \\(${kind}\\): .* is not ${expected}`));
  });

  test('a row longer than the columns and a workbook without sheets are refused', () => {
    expect(() => xlsxWorkbook([{ name: 'S', columns: [{ header: 'h', kind: 'text' }], rows: [['a', 'b']] }])).toThrow(
      'row 2 has 2 values for 1 columns',
    );
    expect(() => xlsxWorkbook([])).toThrow('at least one sheet');
  });

  test('excelDateSerial and columnLetter agree with Excel', () => {
    expect(excelDateSerial(1900, 2, 29)).toBeNull(); // a real day nowhere but in Excel's count
    expect(excelDateSerial(2026, 13, 1)).toBeNull();
    expect([0, 25, 26, 51, 701, 702, 16383].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'ZZ', 'AAA', 'XFD']);
  });
});

describe('sheet names', () => {
  test('lose []:*?/\\ and control characters, fit 31 characters, and stay unique ignoring case', () => {
    expect(
      sheetNames([
        'Отчёт: [март]/2026?',
        "'кавычки'",
        '',
        'a*b\\c\u0007',
        'History',
        'Очень длинное название листа для отчёта',
        'очень длинное название листа для отчёта',
        'Sheet',
        'SHEET',
      ]),
    ).toEqual([
      'Отчёт март 2026',
      'кавычки',
      'Лист3',
      'a b c',
      'History (2)',
      'Очень длинное название листа дл',
      'очень длинное название лист (2)',
      'Sheet',
      'SHEET (2)',
    ]);
  });
  test('never split a surrogate pair when cutting to 31', () => {
    const [name] = sheetNames([`${'я'.repeat(30)}\u{1F600}`]);
    expect(name).toBe('я'.repeat(30));
  });
});

describe('reading the workbook back', () => {
  test('our own import reader (pages/src/lib/xlsx) sees the headers, text and numbers of the first sheet', () => {
    const parser = new DOMParser({ onError: () => undefined }) as unknown as XmlParser;
    const rows = readXlsx(xlsxWorkbook(report), parser);
    expect(rows.map((r) => r.cells)).toEqual([
      ['Менеджер', 'Сделок', 'Выручка', 'Конверсия', 'Дата', 'Звонок'],
      ['Иванова <Анна> & "Ко"', '12', '1234.56', '0.8', '45292', '45292.5208333333'], // the reader keeps Excel's 15 digits
      ['  ведущие пробелы', '0', '-1.5', '0.0001', '59', '45292.5208333333'],
      ['ООО «Ромашка»\tтаб', '', '90071992547409.9', '-0.025', '61'],
      ['', '1234567', '0.01', '1', '1', '46346.9999884259'],
    ]);
  });
});

describe('xlsxResponse', () => {
  test('is a no-store, nosniff download with an ASCII fallback and the Cyrillic name in filename*', async () => {
    const bytes = xlsxWorkbook(report);
    const res = xlsxResponse(bytes, 'Звонки: март (2026)');
    expect(res.headers.get('content-type')).toBe(XLSX_CONTENT_TYPE);
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="report.xlsx"; filename*=UTF-8''${encodeURIComponent('Звонки: март ')}%282026%29.xlsx`,
    );
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });
  test('keeps an ASCII name and strips quotes and path separators from it', () => {
    expect(xlsxResponse(new Uint8Array(), 'calls "2026"/03.xlsx').headers.get('content-disposition')).toBe(
      `attachment; filename="calls 2026 03.xlsx"; filename*=UTF-8''calls%202026%2003.xlsx`,
    );
  });
});

describe('openpyxl reads the workbook', () => {
  let view: OpenpyxlView | Error;
  beforeAll(() => {
    try {
      view = openWithOpenpyxl(xlsxWorkbook(report));
    } catch (error) {
      view = error as Error;
    }
  });
  const opened = (): OpenpyxlView => {
    if (view instanceof Error) throw view;
    return view;
  };

  test('without a warning, with the sanitised sheet names in order', () => {
    expect(opened().sheets).toEqual(['Выручка март 2026', 'выручка МАРТ 2026 (2)']);
  });

  test('values come back as text, exact roubles, fractions and real dates', () => {
    const values = opened().data['Выручка март 2026']!.cells.map((row) => row.map((c) => c.v));
    expect(values).toEqual([
      ['Менеджер', 'Сделок', 'Выручка', 'Конверсия', 'Дата', 'Звонок'],
      ['Иванова <Анна> & "Ко"', 12, 1234.56, 0.8, '2024-01-01T00:00:00', '2024-01-01T12:30:00'],
      ['  ведущие пробелы', 0, -1.5, 0.0001, '1900-02-28T00:00:00', '2024-01-01T12:30:00'],
      ['ООО «Ромашка»\tтаб', null, 90071992547409.91, -0.025, '1900-03-01T00:00:00', null],
      [null, 1234567, 0.01, 1, '1900-01-01T00:00:00', '2026-11-20T23:59:59'],
    ]);
  });

  test('number formats, the bold frozen header and the column widths survive', () => {
    const sheet = opened().data['Выручка март 2026']!;
    expect(sheet.cells[1]!.map((c) => c.fmt)).toEqual([
      'General',
      XLSX_NUMBER_FORMATS.int,
      XLSX_NUMBER_FORMATS.money,
      XLSX_NUMBER_FORMATS.percent,
      XLSX_NUMBER_FORMATS.date,
      XLSX_NUMBER_FORMATS.datetime,
    ]);
    expect(sheet.cells[0]!.every((c) => c.bold)).toBe(true);
    expect(sheet.cells[1]!.some((c) => c.bold)).toBe(false);
    expect(sheet.freeze).toBe('A2');
    expect(sheet.widths.C).toBe(18);
  });

  // openpyxl 3.0 does not decode Excel's _xHHHH_ escapes, so the look-alike is checked in the XML test only.
  test('an emoji, line breaks and a thousand-character cell come back unchanged', () => {
    const text = `код \u{1F600}\nвторая строка ${'ж'.repeat(1000)}`;
    const back = openWithOpenpyxl(xlsxWorkbook([{ name: 'S', columns: [{ header: 'h', kind: 'text' }], rows: [[text]] }]));
    expect(back.data.S!.cells[1]![0]!.v).toBe(text);
  });
});
