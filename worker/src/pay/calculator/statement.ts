import { formatRubles } from '../../platform/ru-format';
import { isMonth } from '../../../../schema/domain/calendar-ru';
import { ceilDiv, floorDiv, formatBasisPointsRu, kopecksBig, kopecksSafe, mulDivRound } from './money';
import type { SalaryBasis, SalaryBonusTier, SalaryKpi, SalaryRule } from './rule';

/** A 1C document as the calculator needs it (the `onec_documents` row plus its client's name). */
export interface SalaryDocument {
  id: number;
  kind: 'order' | 'invoice' | 'payment_bank' | 'payment_cash' | 'shipment';
  number: string;
  /** The 1C date, "YYYY-MM-DD" or 1C's zone-less "YYYY-MM-DDTHH:mm:ss"; it decides the month. */
  date: string;
  /** Negative for a return: it reduces the basis. */
  amountKopecks: number;
  clientName: string;
  /** The manager responsible for the client at the document date; only his documents count. */
  responsibleUserId: number;
}

export interface SalaryPlan {
  amountKopecks: number;
  metric: SalaryBasis;
}

export interface SalaryKpiFacts {
  /** Targeted calls by the manager's local date ("YYYY-MM-DD"); days outside the month are ignored. */
  targetedCallsByLocalDay: Readonly<Record<string, number>>;
  /** The month's working days (workingDaysOfMonth, or fewer for a part-time month). */
  workingDays: readonly string[];
}

export interface SalaryInput {
  /** "YYYY-MM". */
  month: string;
  userId: number;
  plan: SalaryPlan | null;
  /** May hold more than the month's basis: other kinds, months and managers are left out here. */
  documents: readonly SalaryDocument[];
  /** Required when the rule has KPI parts. */
  kpiFacts?: SalaryKpiFacts;
  rule: SalaryRule;
}

export const salaryLineCodes = ['base', 'commission', 'plan_bonus', 'kpi_targeted_calls'] as const;
export type SalaryLineCode = (typeof salaryLineCodes)[number];

export interface SalaryLine {
  code: SalaryLineCode;
  titleRu: string;
  titleEn: string;
  amountKopecks: number;
  /** Russian, with the figures that make the amount. */
  explanation: string;
  /** Ids of the 1C documents behind the amount. */
  refs: number[];
}

export interface SalaryStatement {
  month: string;
  userId: number;
  basis: SalaryBasis;
  ruleValidFrom: string;
  /** The sum of the counted documents, returns subtracted. */
  basisKopecks: number;
  planKopecks: number | null;
  /** Basis ÷ plan in basis points, rounded down (9999 = 99.99 %); null without a usable plan. */
  planCompletionBp: number | null;
  lines: SalaryLine[];
  totalKopecks: number;
}

const BASIS_KINDS: Record<SalaryBasis, readonly SalaryDocument['kind'][]> = {
  shipments: ['shipment'],
  payments: ['payment_bank', 'payment_cash'],
};
const BASIS_RU: Record<SalaryBasis, string> = { shipments: 'отгрузки', payments: 'оплаты' };
const KIND_RU: Record<SalaryDocument['kind'], string> = {
  order: 'заказ',
  invoice: 'счёт',
  payment_bank: 'оплата (банк)',
  payment_cash: 'оплата (касса)',
  shipment: 'реализация',
};
const MONTHS_RU = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTHS_RU_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
/** Past this many documents the explanation sums the rest in one phrase; refs still list them all. */
const LISTED_DOCUMENTS = 20;

/** "2026-10" → «октябрь 2026». */
export function monthRu(month: string): string {
  return `${MONTHS_RU[Number(month.slice(5, 7)) - 1] ?? month} ${month.slice(0, 4)}`;
}

/** Code-unit order, so the listing does not depend on the runtime's locale data. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const dateRu = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

/** Russian plural form for a count: 1 документ, 2 документа, 5 документов, 21 документ. */
function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = Math.abs(n) % 10;
  const mod100 = Math.abs(n) % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/**
 * The month's salary statement of one manager under one rule: base, commission on the basis, the
 * plan-completion tier bonus and the KPI parts, each line with its figures. Pure and deterministic;
 * throws RangeError on inputs that cannot be right (a bad month, an unsafe amount, a rule from later).
 */
export function computeSalaryStatement(input: SalaryInput): SalaryStatement {
  const { month, userId, plan, rule } = input;
  if (!isMonth(month))
    throw new RangeError(`Месяц должен быть в формате ГГГГ-ММ, получено «${month}» / Month must be YYYY-MM, got "${month}"`);
  if (rule.validFrom > month) {
    throw new RangeError(
      `Правило действует с ${rule.validFrom}, а расчёт за ${month} / The rule starts in ${rule.validFrom}, after ${month}`,
    );
  }

  const documents = basisDocuments(input.documents, rule.basis, month, userId);
  const basis = documents.reduce((sum, d) => sum + kopecksBig(d.amountKopecks, `document ${d.id}`), 0n);
  const basisKopecks = kopecksSafe(basis, 'basis');
  const basisText = describeBasis(documents, basis, rule.basis, month);
  const refs = documents.map((d) => d.id);

  const lines: SalaryLine[] = [baseLine(rule), commissionLine(rule, basis, basisText, refs)];
  const completion = planCompletion(plan, rule.basis, basis);
  if (rule.tiers.length) lines.push(planBonusLine(rule, plan, basis, completion, month, refs));
  for (const kpi of rule.kpis) {
    if (!input.kpiFacts) throw new RangeError('Правило с KPI, а фактов KPI нет / The rule has KPI parts but no KPI facts were given');
    lines.push(kpiLine(kpi, input.kpiFacts, month));
  }

  const total = lines.reduce((sum, l) => sum + BigInt(l.amountKopecks), 0n);
  return {
    month,
    userId,
    basis: rule.basis,
    ruleValidFrom: rule.validFrom,
    basisKopecks,
    planKopecks: plan ? plan.amountKopecks : null,
    planCompletionBp: completion.kind === 'known' ? kopecksSafe(completion.bp, 'plan completion') : null,
    lines,
    totalKopecks: kopecksSafe(total, 'total'),
  };
}

function basisDocuments(all: readonly SalaryDocument[], basis: SalaryBasis, month: string, userId: number): SalaryDocument[] {
  const kinds = BASIS_KINDS[basis];
  for (const d of all) {
    if (!/^\d{4}-\d{2}-\d{2}/.test(d.date))
      throw new RangeError(`Документ ${d.id}: дата «${d.date}» не ГГГГ-ММ-ДД / Document ${d.id}: date "${d.date}" is not YYYY-MM-DD`);
  }
  return all
    .filter((d) => kinds.includes(d.kind) && d.date.slice(0, 7) === month && d.responsibleUserId === userId)
    .sort((a, b) => compare(a.date, b.date) || compare(a.number, b.number) || a.id - b.id);
}

/** «Отгрузки за октябрь 2026 — 3 документа: реализация № УТ-1 от 02.10.2026, Ромашка: 1,00 ₽; …; итого 3,00 ₽.» */
function describeBasis(documents: SalaryDocument[], basis: bigint, kind: SalaryBasis, month: string): string {
  const head = `${BASIS_RU[kind][0]!.toUpperCase()}${BASIS_RU[kind].slice(1)} за ${monthRu(month)}`;
  if (!documents.length) return `${head}: документов нет, база 0,00\u00A0₽.`;
  const listed = documents
    .slice(0, LISTED_DOCUMENTS)
    .map(
      (d) =>
        `${KIND_RU[d.kind]} № ${d.number} от ${dateRu(d.date)}, ${d.clientName}: ${formatRubles(d.amountKopecks)}${d.amountKopecks < 0 ? ' (возврат)' : ''}`,
    );
  const rest = documents.slice(LISTED_DOCUMENTS);
  if (rest.length) {
    const restSum = rest.reduce((sum, d) => sum + BigInt(d.amountKopecks), 0n);
    listed.push(
      `и ещё ${rest.length} ${plural(rest.length, 'документ', 'документа', 'документов')} на ${formatRubles(kopecksSafe(restSum, 'basis'))}`,
    );
  }
  const count = `${documents.length} ${plural(documents.length, 'документ', 'документа', 'документов')}`;
  return `${head} — ${count}: ${listed.join('; ')}; итого ${formatRubles(kopecksSafe(basis, 'basis'))}.`;
}

function baseLine(rule: SalaryRule): SalaryLine {
  return {
    code: 'base',
    titleRu: 'Оклад',
    titleEn: 'Base salary',
    amountKopecks: rule.baseKopecks,
    refs: [],
    explanation: `Оклад по правилу, действующему с ${MONTHS_RU_GENITIVE[Number(rule.validFrom.slice(5, 7)) - 1]} ${rule.validFrom.slice(0, 4)}: ${formatRubles(rule.baseKopecks)}.`,
  };
}

/** «(точно 46 268,52585 ₽ — округлено до копейки …)» when basis × bp / 10 000 is not whole kopecks. */
function roundingNote(basis: bigint, bp: number): string {
  const product = basis * BigInt(bp); // in 1/1 000 000 of a ruble
  if (product % 10_000n === 0n) return '';
  const abs = product < 0n ? -product : product;
  const rubles = String(abs / 1_000_000n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00A0');
  const fraction = String(abs % 1_000_000n)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return ` (точно ${product < 0n ? '-' : ''}${rubles},${fraction}\u00A0₽ — округлено до копейки один раз на всю сумму, половина копейки — от нуля)`;
}

function commissionLine(rule: SalaryRule, basis: bigint, basisText: string, refs: number[]): SalaryLine {
  const title =
    rule.basis === 'shipments'
      ? { titleRu: 'Комиссия с отгрузок', titleEn: 'Commission on shipments' }
      : { titleRu: 'Комиссия с оплат', titleEn: 'Commission on payments' };
  const rate = formatBasisPointsRu(rule.commissionBp);
  if (basis < 0n) {
    // Returns above the month's sales are not clawed back from pay: the commission stops at zero.
    return {
      code: 'commission',
      ...title,
      amountKopecks: 0,
      refs,
      explanation: `${basisText} База отрицательная (возвраты больше продаж) — комиссия ${rate} не начисляется и не удерживается: 0,00\u00A0₽.`,
    };
  }
  const amount = kopecksSafe(mulDivRound(basis, BigInt(rule.commissionBp), 10_000n), 'commission');
  return {
    code: 'commission',
    ...title,
    amountKopecks: amount,
    refs,
    explanation: `${basisText} Комиссия: ${formatRubles(Number(basis))} × ${rate} = ${formatRubles(amount)}${roundingNote(basis, rule.commissionBp)}.`,
  };
}

type Completion = { kind: 'known'; bp: bigint; plan: bigint } | { kind: 'none'; reasonRu: string };

function planCompletion(plan: SalaryPlan | null, basisKind: SalaryBasis, basis: bigint): Completion {
  if (!plan) return { kind: 'none', reasonRu: 'План на месяц не установлен — процент выполнения не считается' };
  const amount = kopecksBig(plan.amountKopecks, 'plan');
  if (plan.metric !== basisKind) {
    return {
      kind: 'none',
      reasonRu: `План задан по ${plan.metric === 'shipments' ? 'отгрузкам' : 'оплатам'}, а правило считает по ${basisKind === 'shipments' ? 'отгрузкам' : 'оплатам'} — выполнение не сравнимо, исправьте план или правило`,
    };
  }
  if (amount <= 0n) return { kind: 'none', reasonRu: `План равен ${formatRubles(plan.amountKopecks)} — процент выполнения не определён` };
  // Rounded down: 79.999 % is 79.99 % and does not reach an 80 % tier.
  return { kind: 'known', bp: floorDiv(basis * 10_000n, amount), plan: amount };
}

const tierName = (tier: SalaryBonusTier) => `«от ${formatBasisPointsRu(tier.fromCompletionBp)}»`;

function planBonusLine(
  rule: SalaryRule,
  plan: SalaryPlan | null,
  basis: bigint,
  completion: Completion,
  month: string,
  refs: number[],
): SalaryLine {
  const title = { code: 'plan_bonus' as const, titleRu: 'Премия за выполнение плана', titleEn: 'Plan completion bonus' };
  if (completion.kind === 'none') {
    return {
      ...title,
      amountKopecks: 0,
      refs: [],
      explanation: `${completion.reasonRu}; премия за выполнение плана за ${monthRu(month)} не начисляется.`,
    };
  }
  const tiers = [...rule.tiers].sort((a, b) => a.fromCompletionBp - b.fromCompletionBp);
  const reached = tiers.filter((t) => BigInt(t.fromCompletionBp) <= completion.bp);
  const tier = reached[reached.length - 1];
  const next = tiers.find((t) => BigInt(t.fromCompletionBp) > completion.bp);

  const facts = `Выполнение плана за ${monthRu(month)}: ${BASIS_RU[rule.basis]} ${formatRubles(Number(basis))} из плана ${formatRubles(plan?.amountKopecks ?? 0)} = ${formatBasisPointsRu(Number(completion.bp))} (округлено вниз до сотых долей процента).`;
  let amount = 0;
  let verdict: string;
  if (!tier) {
    verdict = `Это ниже первой ступени ${tierName(tiers[0]!)} — премия 0,00\u00A0₽.`;
  } else if (tier.kind === 'fixed') {
    amount = tier.amountKopecks;
    verdict = `Ступень ${tierName(tier)} (нижняя граница включается): фиксированная премия ${formatRubles(amount)}.`;
  } else {
    amount = kopecksSafe(mulDivRound(basis, BigInt(tier.basisBp), 10_000n), 'plan bonus');
    verdict = `Ступень ${tierName(tier)} (нижняя граница включается): ${formatBasisPointsRu(tier.basisBp)} от базы ${formatRubles(Number(basis))} = ${formatRubles(amount)}${roundingNote(basis, tier.basisBp)}.`;
  }
  if (next) {
    const shortfall = ceilDiv(completion.plan * BigInt(next.fromCompletionBp), 10_000n) - basis;
    verdict += ` До ступени ${tierName(next)} не хватает ${formatRubles(kopecksSafe(shortfall, 'shortfall'))}.`;
  }
  return { ...title, amountKopecks: amount, refs, explanation: `${facts} ${verdict}` };
}

function kpiLine(kpi: SalaryKpi, facts: SalaryKpiFacts, month: string): SalaryLine {
  const title = { code: 'kpi_targeted_calls' as const, titleRu: 'KPI: целевые звонки', titleEn: 'KPI: targeted calls', refs: [] };
  for (const day of facts.workingDays) {
    if (!day.startsWith(`${month}-`))
      throw new RangeError(`Рабочий день ${day} не из месяца ${month} / Working day ${day} is outside ${month}`);
  }
  const workingDays = new Set(facts.workingDays).size;
  let calls = 0n;
  for (const [day, count] of Object.entries(facts.targetedCallsByLocalDay)) {
    if (!day.startsWith(`${month}-`)) continue;
    if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`Звонков за ${day}: ${count} / Calls on ${day}: ${count}`);
    calls += BigInt(count);
  }
  const mode = kpi.mode === 'all_or_nothing' ? 'всё или ничего' : 'пропорционально, не больше суммы KPI';
  if (workingDays === 0) {
    return {
      ...title,
      amountKopecks: 0,
      explanation: `За ${monthRu(month)} нет рабочих дней — KPI по целевым звонкам не считается: 0,00\u00A0₽.`,
    };
  }
  const required = BigInt(kpi.target) * BigInt(workingDays);
  const average = mulDivRound(calls, 100n, BigInt(workingDays));
  const averageText = `${average / 100n},${String(average % 100n).padStart(2, '0')}`;
  const factText = `Целевых звонков за ${monthRu(month)}: ${calls} за ${workingDays} ${plural(workingDays, 'рабочий день', 'рабочих дня', 'рабочих дней')} — в среднем ${averageText} в день при цели ${kpi.target} (нужно не меньше ${required}). Режим «${mode}»:`;
  const full = formatRubles(kpi.amountKopecks);

  let amount: number;
  let verdict: string;
  if (calls >= required) {
    amount = kpi.amountKopecks;
    verdict = `цель достигнута — ${full}.`;
  } else if (kpi.mode === 'all_or_nothing') {
    amount = 0;
    verdict = `цель не достигнута — 0,00\u00A0₽ из ${full}.`;
  } else {
    amount = kopecksSafe(mulDivRound(BigInt(kpi.amountKopecks), calls, required), 'KPI');
    verdict = `${full} × ${calls} / ${required} = ${formatRubles(amount)}.`;
  }
  return { ...title, amountKopecks: amount, explanation: `${factText} ${verdict}` };
}
