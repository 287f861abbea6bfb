import { CSV_BOM, csvCell, csvLine } from '../../platform/csv';
import { kopecksDecimalComma } from './money';
import type { SalaryStatement } from './statement';

/** Who a statement belongs to, as payroll knows him. */
export interface SalaryPerson {
  userId: number;
  /** Табельный номер in 1C:ЗУП; the e-mail stands in when it is not known. */
  personnelNumber?: string | null;
  email: string;
  fullName: string;
}

export const PAYROLL_CSV_HEADER = ['Табельный номер/email', 'ФИО', 'Месяц', 'Код начисления', 'Вид начисления', 'Сумма'] as const;

/**
 * Accruals for 1C:ЗУП: one row per non-zero line, UTF-8 with a BOM, ";" and CRLF, the month as the
 * date of its first day, sums with a decimal comma and no grouping. Pass approved statements only.
 */
export function statementCsv(statements: readonly SalaryStatement[], people: readonly SalaryPerson[]): string {
  const byId = new Map(people.map((p) => [p.userId, p]));
  const rows = [csvLine(PAYROLL_CSV_HEADER.map(csvCell))];
  for (const statement of statements) {
    const person = byId.get(statement.userId);
    if (!person) throw new RangeError(`Нет сотрудника ${statement.userId} для выгрузки / No person ${statement.userId} for the export`);
    const month = `01.${statement.month.slice(5, 7)}.${statement.month.slice(0, 4)}`;
    for (const line of statement.lines) {
      if (line.amountKopecks === 0) continue;
      // The sum is built here as digits and a comma, so it needs no quoting; csvCell would prefix a
      // negative "-1,50" with an apostrophe as if it were a formula.
      rows.push(
        csvLine([
          csvCell(person.personnelNumber?.trim() || person.email),
          csvCell(person.fullName),
          month,
          csvCell(line.code),
          csvCell(line.titleRu),
          kopecksDecimalComma(line.amountKopecks),
        ]),
      );
    }
  }
  return CSV_BOM + rows.join('');
}
