import type { TestWorker } from './worker';

/**
 * A salary rule with the KPI the reports mark norms by (issue 17): from January 2026, base
 * 40 000,00 ₽, 1.50 % of shipments, 5 000,00 ₽ for 2 targeted calls per working day (all or nothing) —
 * the shape the admin's rule form saves.
 */
export const KPI_RULE = {
  validFrom: '2026-01',
  baseKopecks: 4_000_000,
  commissionBp: 150,
  basis: 'shipments',
  tiers: [],
  kpis: [{ kind: 'targeted_calls_per_working_day', target: 2, amountKopecks: 500_000, mode: 'all_or_nothing' }],
};

/** The rule as a row (what saveSalaryRule writes), for a batch of fixtures. */
export const kpiRuleRow = (w: TestWorker) =>
  w.db
    .prepare('INSERT INTO salary_rules (valid_from, rule, created_by, created_at) VALUES (?, ?, 1, 0)')
    .bind(KPI_RULE.validFrom, JSON.stringify(KPI_RULE));
