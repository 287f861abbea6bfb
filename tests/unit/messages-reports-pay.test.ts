import { PAY } from '../../worker/src/platform/messages/pay';
import { REPORTS } from '../../worker/src/platform/messages/reports';
import { REPORT_CATALOGUE, reportIds } from '../../schema/contracts';
import { reportText } from '../../worker/src/reports/translate';
import { formatMonth, formatSpan, pluralForm } from '../../schema/domain/format-ru';

describe('the reports and pay sections of the catalogue', () => {
  const sections = { reports: REPORTS, pay: PAY } as Record<string, Record<string, { ru: string; en: string }>>;

  test('one Russian text never has two English ones (the pages translate the services’ Russian by it)', () => {
    for (const section of Object.values(sections)) {
      const seen = new Map<string, string>();
      for (const [key, text] of Object.entries(section)) {
        const before = seen.get(text.ru);
        if (before !== undefined) expect({ key, en: text.en }).toEqual({ key, en: before });
        seen.set(text.ru, text.en);
      }
    }
  });

  test('the reports’ titles and hints are REPORT_CATALOGUE’s Russian (the API’s titleRu)', () => {
    for (const id of reportIds) {
      expect(REPORTS[`reports.${id}.title`].ru).toBe(REPORT_CATALOGUE[id].titleRu);
      expect(REPORTS[`reports.${id}.hint`].ru).toBe(REPORT_CATALOGUE[id].hintRu);
    }
  });

  test('a service’s Russian text is found by its Russian side, figures carried over; Russian is left as it is', () => {
    expect(reportText('Время разговоров', 'en')).toBe('Talk time');
    expect(reportText('Без касаний 90 дней и больше', 'en')).toBe('Without contact for 90 days or more');
    const norm = 'Норма целевых — из правила оплаты: 15 в рабочий день × 3 раб. дн. периода по сегодня; ниже нормы — выделено.';
    expect(reportText(norm, 'en')).toBe(
      'The targeted norm comes from the pay rule: 15 a working day × 3 working days of the period up to today; below the norm is highlighted.',
    );
    expect(reportText(norm, 'ru')).toBe(norm);
    expect(reportText('ООО Ромашка', 'en')).toBe('ООО Ромашка');
  });
});

describe('durations and months in English come from the one format module', () => {
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  test('a span in hours and minutes', () => {
    expect(formatSpan(21 * 3600 + 28 * 60, 'sec', 'en')).toBe('21 h 28 min');
    expect(formatSpan(45, 'sec', 'en')).toBe('45 s');
    expect(formatSpan(7, 'min', 'en')).toBe('7 min');
    expect(plain(formatSpan(365 * 24 * 60, 'min', 'en'))).toBe('8 760 h 00 min');
    expect(formatSpan(21 * 3600 + 28 * 60, 'sec')).toBe('21 ч 28 мин');
  });
  test('a month', () => {
    expect(plain(formatMonth('2026-12', 'en'))).toBe('December 2026');
    expect(plain(formatMonth('2026-12'))).toBe('декабрь 2026');
  });
});

test('the form of a count: Russian one, few, many; English one or many', () => {
  expect([1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 0].map((n) => pluralForm(n))).toEqual([
    'one',
    'few',
    'few',
    'many',
    'many',
    'many',
    'many',
    'one',
    'few',
    'many',
    'one',
    'many',
    'many',
  ]);
  expect([1, 2, 21].map((n) => pluralForm(n, 'en'))).toEqual(['one', 'many', 'many']);
});
