/**
 * The salary statement's life: draft → checked or disputed by its owner → approved by a head or the
 * admin → exported for payroll. Rules are data (`salaryStatementTransitions`); `transition` reads them.
 * Scope (is this head's region the owner's?) is the caller's check, before this one.
 */
export const salaryStatementStates = ['draft', 'checked', 'disputed', 'approved', 'exported'] as const;
export type SalaryStatementState = (typeof salaryStatementStates)[number];

export const salaryStatementActions = ['check', 'dispute', 'recompute', 'answer', 'approve', 'export'] as const;
export type SalaryStatementAction = (typeof salaryStatementActions)[number];

export interface SalaryActor {
  role: 'manager' | 'head' | 'admin';
  /** The statement is the actor's own. */
  isOwner: boolean;
}

export interface SalaryTransitionRule {
  from: readonly SalaryStatementState[];
  to: SalaryStatementState;
  roles: readonly SalaryActor['role'][];
  /** 'only': the owner alone; 'not': anyone but the owner (four eyes); 'any'. */
  owner: 'only' | 'not' | 'any';
  /** States from which the action needs a non-blank comment. */
  commentFrom: readonly SalaryStatementState[];
}

const ALL_ROLES = ['manager', 'head', 'admin'] as const;
const SUPERVISORS = ['head', 'admin'] as const;

export const salaryStatementTransitions: Readonly<Record<SalaryStatementAction, SalaryTransitionRule>> = {
  check: { from: ['draft'], to: 'checked', roles: ALL_ROLES, owner: 'only', commentFrom: [] },
  dispute: { from: ['draft', 'checked'], to: 'disputed', roles: ALL_ROLES, owner: 'only', commentFrom: ['draft', 'checked'] },
  // New figures need the owner's eyes again, so a recompute always lands in draft.
  recompute: { from: ['draft', 'checked', 'disputed'], to: 'draft', roles: SUPERVISORS, owner: 'any', commentFrom: [] },
  answer: { from: ['disputed'], to: 'draft', roles: SUPERVISORS, owner: 'not', commentFrom: ['disputed'] },
  // Approving over a dispute is allowed only with the resolution written down.
  approve: { from: ['checked', 'disputed'], to: 'approved', roles: SUPERVISORS, owner: 'not', commentFrom: ['disputed'] },
  export: { from: ['approved'], to: 'exported', roles: SUPERVISORS, owner: 'any', commentFrom: [] },
};

export const salaryStatementStateLabels: Record<SalaryStatementState, { ru: string; en: string }> = {
  draft: { ru: 'черновик', en: 'draft' },
  checked: { ru: 'проверен менеджером', en: 'checked by the manager' },
  disputed: { ru: 'оспорен', en: 'disputed' },
  approved: { ru: 'утверждён', en: 'approved' },
  exported: { ru: 'выгружен в 1С:ЗУП', en: 'exported to 1C:ZUP' },
};

type Reason = readonly [ru: string, en: string];
/** Reasons only for the checks an action has; the rules above never reach the missing ones. */
interface Refusals {
  verbRu: string;
  verbEn: string;
  role?: Reason;
  owner?: Reason;
  comment?: Reason;
}
const NOT_ALLOWED: Reason = ['Действие недоступно', 'Not allowed'];

const REFUSALS: Record<SalaryStatementAction, Refusals> = {
  check: {
    verbRu: 'отметить проверенным',
    verbEn: 'check',
    owner: ['Проверенным свой расчёт отмечает только сам сотрудник', 'Only the employee marks his own statement checked'],
  },
  dispute: {
    verbRu: 'оспорить',
    verbEn: 'dispute',
    owner: ['Оспорить расчёт может только сам сотрудник', 'Only the employee may dispute his statement'],
    comment: ['Напишите, что не так в расчёте', 'Say what is wrong in the statement'],
  },
  recompute: {
    verbRu: 'пересчитать',
    verbEn: 'recompute',
    role: ['Пересчитать расчёт может только руководитель или администратор', 'Only a head or the admin may recompute a statement'],
  },
  answer: {
    verbRu: 'ответить на спор',
    verbEn: 'answer the dispute',
    role: ['Ответить на спор может только руководитель или администратор', 'Only a head or the admin may answer a dispute'],
    owner: [
      'На спор по своему расчёту отвечает другой руководитель или администратор',
      'Someone else must answer a dispute about your own statement',
    ],
    comment: ['Напишите ответ на спор', 'Write the answer to the dispute'],
  },
  approve: {
    verbRu: 'утвердить',
    verbEn: 'approve',
    role: ['Утвердить расчёт может только руководитель или администратор', 'Only a head or the admin may approve a statement'],
    owner: ['Свой расчёт утверждает другой руководитель или администратор', 'Someone else must approve your own statement'],
    comment: [
      'Оспоренный расчёт утверждается только с комментарием — решением по спору',
      'A disputed statement is approved only with a comment resolving the dispute',
    ],
  },
  export: {
    verbRu: 'выгрузить в 1С:ЗУП',
    verbEn: 'export to 1C:ZUP',
    role: ['Выгрузить расчёт в 1С:ЗУП может только руководитель или администратор', 'Only a head or the admin may export a statement'],
  },
};

export type SalaryTransitionResult = { ok: true; next: SalaryStatementState } | { ok: false; reasonRu: string; reasonEn: string };

const refuse = ([reasonRu, reasonEn]: Reason = NOT_ALLOWED): SalaryTransitionResult => ({ ok: false, reasonRu, reasonEn });

/**
 * Whether `actor` may do `action` to a statement in `current`, and the state it leads to. Checks in
 * order: role, ownership, state, comment — the first failure is the reason given.
 */
export function transition(
  current: SalaryStatementState,
  action: SalaryStatementAction,
  actor: SalaryActor,
  comment?: string | null,
): SalaryTransitionResult {
  const rule = salaryStatementTransitions[action];
  const refusal = REFUSALS[action];
  if (!rule.roles.includes(actor.role)) return refuse(refusal.role);
  if ((rule.owner === 'only' && !actor.isOwner) || (rule.owner === 'not' && actor.isOwner)) {
    return refuse(refusal.owner);
  }
  if (!rule.from.includes(current)) {
    const frozen = current === 'approved' || current === 'exported';
    const fromRu = rule.from.map((s) => `«${salaryStatementStateLabels[s].ru}»`).join(', ');
    const fromEn = rule.from.map((s) => salaryStatementStateLabels[s].en).join(', ');
    return {
      ok: false,
      reasonRu: `${frozen ? 'Утверждённый расчёт заморожен. ' : ''}Расчёт сейчас «${salaryStatementStateLabels[current].ru}»; ${refusal.verbRu} можно только из ${rule.from.length > 1 ? 'состояний' : 'состояния'} ${fromRu}`,
      reasonEn: `${frozen ? 'An approved statement is frozen. ' : ''}The statement is ${salaryStatementStateLabels[current].en}; ${refusal.verbEn} only from: ${fromEn}`,
    };
  }
  if (rule.commentFrom.includes(current) && !comment?.trim()) {
    return refuse(refusal.comment);
  }
  return { ok: true, next: rule.to };
}

/**
 * What an actor may do to a statement in `state` now, as buttons to show: every action but the
 * payroll export (done for a whole month at once), a comment assumed where one is needed.
 */
export function statementActionsFor(state: SalaryStatementState, actor: SalaryActor): Exclude<SalaryStatementAction, 'export'>[] {
  return salaryStatementActions.filter(
    (a): a is Exclude<SalaryStatementAction, 'export'> => a !== 'export' && transition(state, a, actor, '—').ok,
  );
}
