import type { PayStatement } from '../../../schema/contracts';
import type { UserPrincipal } from '../access';
import { salaryStatementStateLabels, statementActionsFor } from './calculator';
import type { MonthFigures } from './month-figures';

/** A month's figures as the caller sees them, with the actions he may take on it now. */
export function statementView(caller: UserPrincipal, f: MonthFigures): PayStatement {
  return {
    userId: f.person.id,
    userName: f.person.name,
    month: f.month,
    state: f.state,
    stateRu: salaryStatementStateLabels[f.state].ru,
    frozen: f.frozen,
    figures: f.statement && {
      basis: f.statement.basis,
      ruleValidFrom: f.statement.ruleValidFrom,
      basisKopecks: f.statement.basisKopecks,
      planKopecks: f.statement.planKopecks,
      planCompletionBp: f.statement.planCompletionBp,
      lines: f.statement.lines,
      totalKopecks: f.statement.totalKopecks,
    },
    problem: f.problem,
    disputeComment: f.row?.dispute_comment ?? null,
    resolutionComment: f.row?.resolution_comment ?? null,
    approvedAt: f.row?.approved_at ?? null,
    approvedByName: f.row?.approved_by_name ?? null,
    exportedAt: f.row?.exported_at ?? null,
    actions: f.statement ? statementActionsFor(f.state, { role: caller.user.role, isOwner: caller.user.id === f.person.id }) : [],
  };
}
