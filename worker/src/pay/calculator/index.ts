/**
 * A manager's monthly pay as pure computation: the rule (schema for the admin form), the statement
 * with every line explained, its approval workflow and the 1C:ЗУП export. docs/pay.md has the design.
 */
export { SalaryBonusTier, SalaryKpi, SalaryRule, ruleForMonth, salaryBases, salaryKpiModes } from './rule';
export type { SalaryBasis, SalaryKpiMode } from './rule';
export { computeSalaryStatement, monthRu, salaryLineCodes } from './statement';
export type { SalaryDocument, SalaryInput, SalaryKpiFacts, SalaryLine, SalaryLineCode, SalaryPlan, SalaryStatement } from './statement';
export { applyBasisPoints, formatBasisPointsRu, kopecksDecimalComma, parseRublesToKopecks } from './money';
export {
  salaryStatementActions,
  salaryStatementStateLabels,
  salaryStatementStates,
  salaryStatementTransitions,
  statementActionsFor,
  transition,
} from './workflow';
export type { SalaryActor, SalaryStatementAction, SalaryStatementState, SalaryTransitionResult, SalaryTransitionRule } from './workflow';
export { PAYROLL_CSV_HEADER, statementCsv } from './payroll-csv';
export type { SalaryPerson } from './payroll-csv';
