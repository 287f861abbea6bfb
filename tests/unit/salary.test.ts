import { RU_PRODUCTION_CALENDAR_2026, workingDaysOfMonth } from '../../schema/domain/calendar-ru';
import {
  SalaryRule,
  applyBasisPoints,
  computeSalaryStatement,
  formatBasisPointsRu,
  kopecksDecimalComma,
  ruleForMonth,
  salaryStatementActions,
  salaryStatementStates,
  statementCsv,
  transition,
  type SalaryActor,
  type SalaryDocument,
  type SalaryInput,
  type SalaryStatementAction,
  type SalaryStatementState,
} from '../../worker/src/pay/calculator';

/** Explanations are compared with ordinary spaces; one test below pins the no-break ones. */
const plain = (text: string | undefined) => text?.replace(/\u00A0/g, ' ');

const MANAGER = 7;

/** 40 000 ₽ base, 1.50 % of shipments, tiers 80 % → 10 000 ₽, 100 % → 25 000 ₽, 120 % → 0.50 % of the basis. */
const rule: SalaryRule = SalaryRule.parse({
  validFrom: '2026-01',
  baseKopecks: 4_000_000,
  commissionBp: 150,
  tiers: [
    { kind: 'fixed', fromCompletionBp: 8_000, amountKopecks: 1_000_000 },
    { kind: 'fixed', fromCompletionBp: 10_000, amountKopecks: 2_500_000 },
    { kind: 'basis_share', fromCompletionBp: 12_000, basisBp: 50 },
  ],
  kpis: [{ kind: 'targeted_calls_per_working_day', target: 15, amountKopecks: 500_000, mode: 'all_or_nothing' }],
});
const baseOnly: SalaryRule = SalaryRule.parse({ validFrom: '2026-01', baseKopecks: 4_000_000, commissionBp: 150 });

const doc = (
  id: number,
  kind: SalaryDocument['kind'],
  number: string,
  date: string,
  amountKopecks: number,
  clientName = 'СтройМеталл',
  responsibleUserId = MANAGER,
): SalaryDocument => ({ id, kind, number, date, amountKopecks, clientName, responsibleUserId });

const octoberDays = workingDaysOfMonth('2026-10', RU_PRODUCTION_CALENDAR_2026);
/** 15 targeted calls every working day but 5 October (10), 15 on Saturday 10 October, 40 on 30 September. */
const octoberCalls: Record<string, number> = Object.fromEntries(octoberDays.map((d) => [d, d === '2026-10-05' ? 10 : 15]));
octoberCalls['2026-10-10'] = 15;
octoberCalls['2026-09-30'] = 40;

const octoberDocuments: SalaryDocument[] = [
  doc(102, 'shipment', 'УТ-102', '2026-10-15', 200_000_050, 'Кровля-Сервис'),
  doc(101, 'shipment', 'УТ-101', '2026-10-02T10:15:00', 123_456_789),
  doc(103, 'shipment', 'УТ-103', '2026-10-20', -15_000_000),
  doc(104, 'payment_bank', 'ПП-77', '2026-10-05', 100_000_000),
  doc(105, 'shipment', 'УТ-099', '2026-09-30T23:50:00', 70_000_000),
  doc(106, 'shipment', 'УТ-110', '2026-10-25', 50_000_000, 'Профнастил', 8),
  doc(107, 'invoice', 'УТ-111', '2026-10-26', 90_000_000),
  doc(108, 'payment_cash', 'ПКО-5', '2026-10-28', 5_000_050, 'Кровля-Сервис'),
];

const october = (overrides: Partial<SalaryInput> = {}): SalaryInput => ({
  month: '2026-10',
  userId: MANAGER,
  plan: { amountKopecks: 300_000_000, metric: 'shipments' },
  documents: octoberDocuments,
  kpiFacts: { targetedCallsByLocalDay: octoberCalls, workingDays: octoberDays },
  rule,
  ...overrides,
});

const line = (statement: ReturnType<typeof computeSalaryStatement>, code: string) => statement.lines.find((l) => l.code === code);

describe('the worked example of docs/pay.md: October 2026, shipments basis', () => {
  const statement = computeSalaryStatement(october());

  test('counts his October shipments, the return subtracted, and nothing else', () => {
    // 1 234 567,89 + 2 000 000,50 − 150 000,00 = 3 084 568,39 ₽
    expect(statement.basisKopecks).toBe(308_456_839);
    expect(line(statement, 'commission')?.refs).toEqual([101, 102, 103]);
  });

  test('pays base 40 000,00 + commission 46 268,53 + tier 25 000,00 + KPI 5 000,00 = 116 268,53 ₽', () => {
    expect(statement.lines.map((l) => [l.code, l.amountKopecks])).toEqual([
      ['base', 4_000_000],
      ['commission', 4_626_853],
      ['plan_bonus', 2_500_000],
      ['kpi_targeted_calls', 500_000],
    ]);
    expect(statement.totalKopecks).toBe(11_626_853);
    expect(statement.planCompletionBp).toBe(10_281);
    expect(statement).toMatchObject({
      month: '2026-10',
      userId: MANAGER,
      basis: 'shipments',
      ruleValidFrom: '2026-01',
      planKopecks: 300_000_000,
    });
  });

  test('explains every line with its figures', () => {
    expect(plain(line(statement, 'base')?.explanation)).toBe('Оклад по правилу, действующему с января 2026: 40 000,00 ₽.');
    expect(plain(line(statement, 'commission')?.explanation)).toBe(
      'Отгрузки за октябрь 2026 — 3 документа: ' +
        'реализация № УТ-101 от 02.10.2026, СтройМеталл: 1 234 567,89 ₽; ' +
        'реализация № УТ-102 от 15.10.2026, Кровля-Сервис: 2 000 000,50 ₽; ' +
        'реализация № УТ-103 от 20.10.2026, СтройМеталл: -150 000,00 ₽ (возврат); итого 3 084 568,39 ₽. ' +
        'Комиссия: 3 084 568,39 ₽ × 1,50 % = 46 268,53 ₽ ' +
        '(точно 46 268,52585 ₽ — округлено до копейки один раз на всю сумму, половина копейки — от нуля).',
    );
    expect(plain(line(statement, 'plan_bonus')?.explanation)).toBe(
      'Выполнение плана за октябрь 2026: отгрузки 3 084 568,39 ₽ из плана 3 000 000,00 ₽ = 102,81 % (округлено вниз до сотых долей процента). ' +
        'Ступень «от 100,00 %» (нижняя граница включается): фиксированная премия 25 000,00 ₽. ' +
        'До ступени «от 120,00 %» не хватает 515 431,61 ₽.',
    );
    expect(plain(line(statement, 'kpi_targeted_calls')?.explanation)).toBe(
      'Целевых звонков за октябрь 2026: 340 за 22 рабочих дня — в среднем 15,45 в день при цели 15 (нужно не меньше 330). ' +
        'Режим «всё или ничего»: цель достигнута — 5 000,00 ₽.',
    );
  });

  test('writes money the Russian way, with no-break spaces', () => {
    expect(line(statement, 'commission')?.explanation).toContain('итого 3\u00A0084\u00A0568,39\u00A0₽');
    expect(line(statement, 'commission')).toMatchObject({ titleRu: 'Комиссия с отгрузок', titleEn: 'Commission on shipments' });
  });

  test("counts a document for the manager responsible at its date: the moved client's shipment is the other manager's", () => {
    const other = computeSalaryStatement(october({ userId: 8, plan: null }));
    expect(other.basisKopecks).toBe(50_000_000);
    expect(line(other, 'commission')?.refs).toEqual([106]);
  });
});

describe('plan completion tiers (plan 10 000 000,00 ₽, lower bounds inclusive, completion rounded down)', () => {
  test.each<[string, number, number, number, number]>([
    ['79.99999 % stays below 80 %', 799_999_999, 7_999, 0, 1],
    ['exactly 80.00 % reaches the 80 % tier', 800_000_000, 8_000, 1_000_000, 200_000_000],
    ['99.99 % stays in the 80 % tier', 999_900_000, 9_999, 1_000_000, 100_000],
    ['exactly 100.00 % reaches the 100 % tier', 1_000_000_000, 10_000, 2_500_000, 200_000_000],
    ['119.99 % stays in the 100 % tier', 1_199_900_000, 11_999, 2_500_000, 100_000],
    ['exactly 120.00 % pays 0.50 % of the basis', 1_200_000_000, 12_000, 6_000_000, 0],
  ])('%s', (_name, shipped, completionBp, bonus, shortfall) => {
    const statement = computeSalaryStatement(
      october({
        plan: { amountKopecks: 1_000_000_000, metric: 'shipments' },
        documents: [doc(1, 'shipment', 'УТ-1', '2026-10-01', shipped)],
      }),
    );
    expect(statement.planCompletionBp).toBe(completionBp);
    expect(line(statement, 'plan_bonus')?.amountKopecks).toBe(bonus);
    const explanation = plain(line(statement, 'plan_bonus')?.explanation) ?? '';
    if (shortfall) expect(explanation).toContain(`не хватает ${kopecksDecimalComma(shortfall).replace(/\B(?=(\d{3})+,)/g, ' ')} ₽.`);
    else expect(explanation).not.toContain('не хватает');
  });

  test('below the first tier says so', () => {
    const statement = computeSalaryStatement(
      october({
        plan: { amountKopecks: 1_000_000_000, metric: 'shipments' },
        documents: [doc(1, 'shipment', 'УТ-1', '2026-10-01', 799_999_999)],
      }),
    );
    expect(plain(line(statement, 'plan_bonus')?.explanation)).toBe(
      'Выполнение плана за октябрь 2026: отгрузки 7 999 999,99 ₽ из плана 10 000 000,00 ₽ = 79,99 % (округлено вниз до сотых долей процента). ' +
        'Это ниже первой ступени «от 80,00 %» — премия 0,00 ₽. До ступени «от 80,00 %» не хватает 0,01 ₽.',
    );
  });

  test('without a plan there is no completion and no tier bonus, and the line says why', () => {
    const statement = computeSalaryStatement(october({ plan: null }));
    expect(statement.planCompletionBp).toBeNull();
    expect(statement.planKopecks).toBeNull();
    expect(line(statement, 'plan_bonus')).toEqual({
      code: 'plan_bonus',
      titleRu: 'Премия за выполнение плана',
      titleEn: 'Plan completion bonus',
      amountKopecks: 0,
      refs: [],
      explanation:
        'План на месяц не установлен — процент выполнения не считается; премия за выполнение плана за октябрь 2026 не начисляется.',
    });
    expect(statement.totalKopecks).toBe(4_000_000 + 4_626_853 + 500_000);
  });

  test('a zero plan is no plan: completion is undefined rather than infinite', () => {
    const statement = computeSalaryStatement(october({ plan: { amountKopecks: 0, metric: 'shipments' } }));
    expect(statement.planCompletionBp).toBeNull();
    expect(line(statement, 'plan_bonus')?.amountKopecks).toBe(0);
    expect(plain(line(statement, 'plan_bonus')?.explanation)).toBe(
      'План равен 0,00 ₽ — процент выполнения не определён; премия за выполнение плана за октябрь 2026 не начисляется.',
    );
  });

  test('a plan set on payments does not count against a shipments rule', () => {
    const statement = computeSalaryStatement(october({ plan: { amountKopecks: 300_000_000, metric: 'payments' } }));
    expect(statement.planCompletionBp).toBeNull();
    expect(line(statement, 'plan_bonus')?.amountKopecks).toBe(0);
    expect(line(statement, 'plan_bonus')?.explanation).toContain('План задан по оплатам, а правило считает по отгрузкам');
  });

  test('a rule without tiers has no plan bonus line', () => {
    const statement = computeSalaryStatement(october({ rule: baseOnly }));
    expect(statement.lines.map((l) => l.code)).toEqual(['base', 'commission']);
    expect(statement.planCompletionBp).toBe(10_281);
  });
});

describe('kopeck rounding: half away from zero, once per line', () => {
  test.each<[number, number, number]>([
    [100_100, 150, 1_502], // 1 501,5 kopecks → up
    [100_099, 150, 1_501], // 1 501,485 → down
    [-100_100, 150, -1_502], // away from zero, not toward +∞
    [33, 5_000, 17], // 16,5 → 17
    [1, 4_999, 0], // 0,4999 → 0
  ])('%i kopecks × %i bp = %i', (amount, bp, expected) => {
    expect(applyBasisPoints(amount, bp)).toBe(expected);
  });

  test('a commission of x.5 kopecks rounds up', () => {
    const statement = computeSalaryStatement(october({ rule: baseOnly, documents: [doc(1, 'shipment', 'УТ-1', '2026-10-01', 100_100)] }));
    expect(line(statement, 'commission')?.amountKopecks).toBe(1_502);
  });

  test('ten documents of 1 001,00 ₽ earn 150,15 ₽, not the 150,20 ₽ that rounding each would give', () => {
    const documents = Array.from({ length: 10 }, (_, i) => doc(i + 1, 'shipment', `УТ-${i + 1}`, '2026-10-01', 100_100));
    const statement = computeSalaryStatement(october({ rule: baseOnly, documents }));
    expect(statement.basisKopecks).toBe(1_001_000);
    expect(line(statement, 'commission')?.amountKopecks).toBe(15_015);
    expect(documents.reduce((sum, d) => sum + applyBasisPoints(d.amountKopecks, 150), 0)).toBe(15_020);
  });

  test('an exact commission carries no rounding note', () => {
    const statement = computeSalaryStatement(october({ rule: baseOnly, documents: [doc(1, 'shipment', 'УТ-1', '2026-10-01', 1_000_000)] }));
    expect(plain(line(statement, 'commission')?.explanation)).toBe(
      'Отгрузки за октябрь 2026 — 1 документ: реализация № УТ-1 от 01.10.2026, СтройМеталл: 10 000,00 ₽; итого 10 000,00 ₽. Комиссия: 10 000,00 ₽ × 1,50 % = 150,00 ₽.',
    );
  });

  test('the largest safe basis keeps every kopeck (the product passes 2^53 on the way)', () => {
    const statement = computeSalaryStatement(
      october({ rule: baseOnly, documents: [doc(1, 'shipment', 'УТ-1', '2026-10-01', Number.MAX_SAFE_INTEGER)] }),
    );
    // 9 007 199 254 740 991 × 150 / 10 000 = 135 107 988 821 114,865 → …115
    expect(line(statement, 'commission')?.amountKopecks).toBe(135_107_988_821_115);
    expect(statement.totalKopecks).toBe(135_107_992_821_115);
  });

  test('a basis past the safe integers is refused instead of being wrong', () => {
    const documents = [doc(1, 'shipment', 'УТ-1', '2026-10-01', Number.MAX_SAFE_INTEGER), doc(2, 'shipment', 'УТ-2', '2026-10-02', 1)];
    expect(() => computeSalaryStatement(october({ rule: baseOnly, documents }))).toThrow(RangeError);
    expect(() => computeSalaryStatement(october({ rule: baseOnly, documents: [doc(1, 'shipment', 'УТ-1', '2026-10-01', 10.5)] }))).toThrow(
      'document 1',
    );
  });
});

describe('returns and the basis', () => {
  test("returns above the month's shipments give no commission and no tier, and are not clawed back", () => {
    const statement = computeSalaryStatement(
      october({
        plan: { amountKopecks: 100_000_000, metric: 'shipments' },
        documents: [doc(1, 'shipment', 'УТ-1', '2026-10-01', 10_000_000), doc(2, 'shipment', 'УТ-2', '2026-10-09', -30_000_000)],
      }),
    );
    expect(statement.basisKopecks).toBe(-20_000_000);
    expect(statement.planCompletionBp).toBe(-2_000);
    expect(line(statement, 'commission')?.amountKopecks).toBe(0);
    expect(line(statement, 'commission')?.explanation).toContain(
      'База отрицательная (возвраты больше продаж) — комиссия 1,50\u00A0% не начисляется и не удерживается',
    );
    expect(line(statement, 'plan_bonus')?.amountKopecks).toBe(0);
    expect(statement.totalKopecks).toBe(4_000_000 + 500_000);
  });

  test('a month without documents has a zero basis, said in words', () => {
    const statement = computeSalaryStatement(october({ rule: baseOnly, documents: [] }));
    expect(plain(line(statement, 'commission')?.explanation)).toBe(
      'Отгрузки за октябрь 2026: документов нет, база 0,00 ₽. Комиссия: 0,00 ₽ × 1,50 % = 0,00 ₽.',
    );
  });

  test('a long month lists twenty documents and sums the rest', () => {
    const documents = Array.from({ length: 23 }, (_, i) =>
      doc(i + 1, 'shipment', `УТ-${String(i + 1).padStart(2, '0')}`, '2026-10-01', 100),
    );
    const statement = computeSalaryStatement(october({ rule: baseOnly, documents }));
    const explanation = plain(line(statement, 'commission')?.explanation) ?? '';
    expect(explanation).toContain('23 документа: ');
    expect(explanation).toContain('УТ-20 от 01.10.2026, СтройМеталл: 1,00 ₽; и ещё 3 документа на 3,00 ₽; итого 23,00 ₽.');
    expect(explanation).not.toContain('УТ-21');
    expect(line(statement, 'commission')?.refs).toHaveLength(23);
  });
});

describe('payments basis instead of shipments', () => {
  const payments = SalaryRule.parse({ ...rule, basis: 'payments' });

  test('counts bank and cash payments of the month, and plan completion on them', () => {
    const statement = computeSalaryStatement(october({ rule: payments, plan: { amountKopecks: 100_000_000, metric: 'payments' } }));
    // 1 000 000,00 + 50 000,50 = 1 050 000,50 ₽; × 1,50 % = 15 750,0075 ₽ → 15 750,01 ₽
    expect(statement.basisKopecks).toBe(105_000_050);
    expect(line(statement, 'commission')).toMatchObject({
      titleRu: 'Комиссия с оплат',
      titleEn: 'Commission on payments',
      amountKopecks: 1_575_001,
      refs: [104, 108],
    });
    expect(statement.planCompletionBp).toBe(10_500);
    expect(line(statement, 'plan_bonus')?.amountKopecks).toBe(2_500_000);
    expect(statement.totalKopecks).toBe(4_000_000 + 1_575_001 + 2_500_000 + 500_000);
    expect(plain(line(statement, 'commission')?.explanation)).toBe(
      'Оплаты за октябрь 2026 — 2 документа: оплата (банк) № ПП-77 от 05.10.2026, СтройМеталл: 1 000 000,00 ₽; ' +
        'оплата (касса) № ПКО-5 от 28.10.2026, Кровля-Сервис: 50 000,50 ₽; итого 1 050 000,50 ₽. ' +
        'Комиссия: 1 050 000,50 ₽ × 1,50 % = 15 750,01 ₽ (точно 15 750,0075 ₽ — округлено до копейки один раз на всю сумму, половина копейки — от нуля).',
    );
  });
});

describe('KPI: targeted calls per working day (November 2026: 20 working days, target 15, so 300 calls)', () => {
  const novemberDays = workingDaysOfMonth('2026-11', RU_PRODUCTION_CALENDAR_2026);
  const kpiRule = (mode: 'all_or_nothing' | 'proportional_capped', amountKopecks = 500_000) =>
    SalaryRule.parse({
      validFrom: '2026-01',
      baseKopecks: 0,
      commissionBp: 0,
      kpis: [{ kind: 'targeted_calls_per_working_day', target: 15, amountKopecks, mode }],
    });
  /** `total` calls spread over the first working days, 20 a day. */
  const calls = (total: number) => {
    const byDay: Record<string, number> = {};
    for (let i = 0, left = total; left > 0; i++, left -= 20) byDay[novemberDays[i] ?? `2026-11-${i}`] = Math.min(20, left);
    return byDay;
  };
  const kpi = (mode: 'all_or_nothing' | 'proportional_capped', total: number, amountKopecks?: number) => {
    const statement = computeSalaryStatement({
      month: '2026-11',
      userId: MANAGER,
      plan: null,
      documents: [],
      kpiFacts: { targetedCallsByLocalDay: calls(total), workingDays: novemberDays },
      rule: kpiRule(mode, amountKopecks),
    });
    return line(statement, 'kpi_targeted_calls');
  };

  test.each<[string, 'all_or_nothing' | 'proportional_capped', number, number]>([
    ['all or nothing: 299 calls pay nothing', 'all_or_nothing', 299, 0],
    ['all or nothing: exactly 300 pay all', 'all_or_nothing', 300, 500_000],
    ['proportional: 290 of 300 pay 5 000,00 × 290 / 300 = 4 833,33', 'proportional_capped', 290, 483_333],
    ['proportional: 0 calls pay nothing', 'proportional_capped', 0, 0],
    ['proportional: 400 calls are capped at the full sum', 'proportional_capped', 400, 500_000],
  ])('%s', (_name, mode, total, expected) => {
    expect(kpi(mode, total)?.amountKopecks).toBe(expected);
  });

  test('proportional rounds half a kopeck away from zero: 1 000,01 ₽ × 150 / 300 = 500,005 ₽ → 500,01 ₽', () => {
    expect(kpi('proportional_capped', 150, 100_001)?.amountKopecks).toBe(50_001);
  });

  test('the line states fact against target', () => {
    expect(plain(kpi('all_or_nothing', 299)?.explanation)).toBe(
      'Целевых звонков за ноябрь 2026: 299 за 20 рабочих дней — в среднем 14,95 в день при цели 15 (нужно не меньше 300). ' +
        'Режим «всё или ничего»: цель не достигнута — 0,00 ₽ из 5 000,00 ₽.',
    );
    expect(plain(kpi('proportional_capped', 290)?.explanation)).toBe(
      'Целевых звонков за ноябрь 2026: 290 за 20 рабочих дней — в среднем 14,50 в день при цели 15 (нужно не меньше 300). ' +
        'Режим «пропорционально, не больше суммы KPI»: 5 000,00 ₽ × 290 / 300 = 4 833,33 ₽.',
    );
  });

  test('a rule with KPI parts and no facts is a wiring error', () => {
    expect(() =>
      computeSalaryStatement({ month: '2026-11', userId: MANAGER, plan: null, documents: [], rule: kpiRule('all_or_nothing') }),
    ).toThrow(RangeError);
  });
});

describe('the Russian production calendar', () => {
  const nov = workingDaysOfMonth('2026-11', RU_PRODUCTION_CALENDAR_2026);

  test('November 2026 has 20 working days: 4 November (Wednesday) is a holiday', () => {
    expect(nov).toHaveLength(20);
    expect(nov).not.toContain('2026-11-04');
    expect(nov.slice(0, 4)).toEqual(['2026-11-02', '2026-11-03', '2026-11-05', '2026-11-06']);
    expect(nov[nov.length - 1]).toBe('2026-11-30');
  });

  test.each<[string, number]>([
    ['2026-01', 15],
    ['2026-02', 19],
    ['2026-03', 21],
    ['2026-04', 22],
    ['2026-05', 19],
    ['2026-06', 21],
    ['2026-07', 23],
    ['2026-08', 21],
    ['2026-09', 22],
    ['2026-10', 22],
    ['2026-11', 20],
    ['2026-12', 22],
  ])('%s has %i working days', (month, days) => {
    expect(workingDaysOfMonth(month, RU_PRODUCTION_CALENDAR_2026)).toHaveLength(days);
  });

  test('2026 has 247 working days, as the official calendar', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`);
    expect(months.reduce((sum, m) => sum + workingDaysOfMonth(m, RU_PRODUCTION_CALENDAR_2026).length, 0)).toBe(247);
  });

  test('the calendar is data: a transferred working Saturday counts', () => {
    const days = workingDaysOfMonth('2026-11', { nonWorking: ['2026-11-04'], working: ['2026-11-07'] });
    expect(days).toHaveLength(21);
    expect(days).toContain('2026-11-07');
  });

  test('refuses a month that is not YYYY-MM', () => {
    expect(() => workingDaysOfMonth('2026-13', RU_PRODUCTION_CALENDAR_2026)).toThrow(RangeError);
  });
});

describe('the salary rule from an admin form', () => {
  test('fills defaults: shipments basis, no tiers, no KPI', () => {
    expect(SalaryRule.parse({ validFrom: '2026-10', baseKopecks: 100, commissionBp: 150 })).toEqual({
      validFrom: '2026-10',
      baseKopecks: 100,
      commissionBp: 150,
      basis: 'shipments',
      tiers: [],
      kpis: [],
    });
  });

  test.each<[string, unknown, string, (string | number)[]]>([
    ['a month that does not exist', { validFrom: '2026-13' }, 'Месяц в формате ГГГГ-ММ / Month as YYYY-MM', ['validFrom']],
    ['a negative base', { baseKopecks: -1 }, 'Оклад: не меньше нуля / Base salary: not negative', ['baseKopecks']],
    [
      'a fractional commission',
      { commissionBp: 1.5 },
      'Комиссия: целое число сотых долей процента / Commission: whole basis points',
      ['commissionBp'],
    ],
    ['a commission over 100 %', { commissionBp: 10_001 }, 'Комиссия: не больше 100 % / Commission: at most 100 %', ['commissionBp']],
    [
      'tiers out of order',
      {
        tiers: [
          { kind: 'fixed', fromCompletionBp: 10_000, amountKopecks: 1 },
          { kind: 'fixed', fromCompletionBp: 8_000, amountKopecks: 1 },
        ],
      },
      'Ступени премии — по возрастанию порога, без повторов / Bonus tiers must ascend by threshold, without repeats',
      ['tiers', 1, 'fromCompletionBp'],
    ],
    [
      'the same KPI twice',
      {
        kpis: [
          { kind: 'targeted_calls_per_working_day', target: 10, amountKopecks: 1, mode: 'all_or_nothing' },
          { kind: 'targeted_calls_per_working_day', target: 15, amountKopecks: 1, mode: 'all_or_nothing' },
        ],
      },
      'Этот KPI уже есть в правиле / This KPI is already in the rule',
      ['kpis', 1, 'kind'],
    ],
    [
      'a KPI target of zero',
      { kpis: [{ kind: 'targeted_calls_per_working_day', target: 0, amountKopecks: 1, mode: 'all_or_nothing' }] },
      'Цель: хотя бы один звонок в день / Target: at least one call a day',
      ['kpis', 0, 'target'],
    ],
  ])('refuses %s in Russian first', (_name, change, message, path) => {
    const result = SalaryRule.safeParse({ validFrom: '2026-10', baseKopecks: 100, commissionBp: 150, ...(change as object) });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.message, i.path])).toEqual([[message, path]]);
  });

  test('the version in force is the latest one not after the month', () => {
    const january = { ...baseOnly, validFrom: '2026-01' };
    const october = { ...baseOnly, validFrom: '2026-10', commissionBp: 200 };
    expect(ruleForMonth([october, january], '2026-09')).toBe(january);
    expect(ruleForMonth([october, january], '2026-10')).toBe(october);
    expect(ruleForMonth([october, january], '2027-03')).toBe(october);
    expect(ruleForMonth([october, january], '2025-12')).toBeNull();
  });

  test('a rule that starts after the month is refused', () => {
    expect(() => computeSalaryStatement(october({ rule: { ...rule, validFrom: '2026-11' } }))).toThrow(RangeError);
  });
});

describe('number formats', () => {
  test.each<[number, string]>([
    [123_456_789, '1234567,89'],
    [5, '0,05'],
    [-150, '-1,50'],
    [0, '0,00'],
  ])('%i kopecks → %s', (kopecks, text) => {
    expect(kopecksDecimalComma(kopecks)).toBe(text);
  });
  test('basis points as a percentage with a no-break space', () => {
    expect(formatBasisPointsRu(9_999)).toBe('99,99\u00A0%');
    expect(formatBasisPointsRu(150)).toBe('1,50\u00A0%');
  });
});

describe('the statement workflow', () => {
  const actors: Record<string, SalaryActor> = {
    'manager (owner)': { role: 'manager', isOwner: true },
    'another manager': { role: 'manager', isOwner: false },
    'head (owner)': { role: 'head', isOwner: true },
    head: { role: 'head', isOwner: false },
    'admin (owner)': { role: 'admin', isOwner: true },
    admin: { role: 'admin', isOwner: false },
  };
  /** Every allowed move, written out by hand; all other state × action × actor triples are refused. */
  const allowed: [SalaryStatementState, SalaryStatementAction, string, SalaryStatementState][] = [
    ['draft', 'check', 'manager (owner)', 'checked'],
    ['draft', 'check', 'head (owner)', 'checked'],
    ['draft', 'check', 'admin (owner)', 'checked'],
    ['draft', 'dispute', 'manager (owner)', 'disputed'],
    ['draft', 'dispute', 'head (owner)', 'disputed'],
    ['draft', 'dispute', 'admin (owner)', 'disputed'],
    ['checked', 'dispute', 'manager (owner)', 'disputed'],
    ['checked', 'dispute', 'head (owner)', 'disputed'],
    ['checked', 'dispute', 'admin (owner)', 'disputed'],
    ...(['draft', 'checked', 'disputed'] as const).flatMap((from) =>
      (['head (owner)', 'head', 'admin (owner)', 'admin'] as const).map(
        (who): [SalaryStatementState, SalaryStatementAction, string, SalaryStatementState] => [from, 'recompute', who, 'draft'],
      ),
    ),
    ['disputed', 'answer', 'head', 'draft'],
    ['disputed', 'answer', 'admin', 'draft'],
    ['checked', 'approve', 'head', 'approved'],
    ['checked', 'approve', 'admin', 'approved'],
    ['disputed', 'approve', 'head', 'approved'],
    ['disputed', 'approve', 'admin', 'approved'],
    ['approved', 'export', 'head (owner)', 'exported'],
    ['approved', 'export', 'head', 'exported'],
    ['approved', 'export', 'admin (owner)', 'exported'],
    ['approved', 'export', 'admin', 'exported'],
  ];
  const expectedNext = new Map(allowed.map(([s, a, who, next]) => [`${s}|${a}|${who}`, next]));
  const table = salaryStatementStates.flatMap((state) =>
    salaryStatementActions.flatMap((action) =>
      Object.keys(actors).map((who) => [state, action, who, expectedNext.get(`${state}|${action}|${who}`) ?? 'refused'] as const),
    ),
  );

  test('the table covers 5 states × 6 actions × 6 actors, 31 of them allowed', () => {
    expect(table).toHaveLength(180);
    expect(expectedNext.size).toBe(31);
  });

  test.each(table)('%s + %s by %s → %s', (state, action, who, next) => {
    const result = transition(state, action, actors[who]!, 'Комментарий');
    if (next !== 'refused') {
      expect(result).toEqual({ ok: true, next });
    } else {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.reasonRu).toMatch(/[а-яё]/i);
        expect(result.reasonEn).toMatch(/^[\x20-\x7E]+$/);
      }
    }
  });

  test('a dispute needs a comment', () => {
    expect(transition('draft', 'dispute', actors['manager (owner)']!, '   ')).toEqual({
      ok: false,
      reasonRu: 'Напишите, что не так в расчёте',
      reasonEn: 'Say what is wrong in the statement',
    });
    expect(transition('checked', 'dispute', actors['manager (owner)']!)).toMatchObject({ ok: false });
  });

  test('a head answers a dispute only with a comment, and the answer returns it to draft', () => {
    expect(transition('disputed', 'answer', actors.head!, '')).toEqual({
      ok: false,
      reasonRu: 'Напишите ответ на спор',
      reasonEn: 'Write the answer to the dispute',
    });
    expect(transition('disputed', 'answer', actors.head!, 'Возврат от 20.10 учтён верно')).toEqual({ ok: true, next: 'draft' });
  });

  test('approving over a dispute needs the resolution; a checked statement needs none', () => {
    expect(transition('disputed', 'approve', actors.admin!)).toMatchObject({
      ok: false,
      reasonRu: 'Оспоренный расчёт утверждается только с комментарием — решением по спору',
    });
    expect(transition('checked', 'approve', actors.admin!)).toEqual({ ok: true, next: 'approved' });
    expect(transition('checked', 'check', actors['manager (owner)']!)).toMatchObject({ ok: false });
  });

  test('nobody approves his own statement, and a manager does not approve at all', () => {
    expect(transition('checked', 'approve', actors['head (owner)']!)).toEqual({
      ok: false,
      reasonRu: 'Свой расчёт утверждает другой руководитель или администратор',
      reasonEn: 'Someone else must approve your own statement',
    });
    expect(transition('checked', 'approve', actors['another manager']!)).toEqual({
      ok: false,
      reasonRu: 'Утвердить расчёт может только руководитель или администратор',
      reasonEn: 'Only a head or the admin may approve a statement',
    });
  });

  test('an approved statement is frozen: no recompute, and the reason says so', () => {
    expect(transition('approved', 'recompute', actors.admin!)).toEqual({
      ok: false,
      reasonRu:
        'Утверждённый расчёт заморожен. Расчёт сейчас «утверждён»; пересчитать можно только из состояний «черновик», «проверен менеджером», «оспорен»',
      reasonEn: 'An approved statement is frozen. The statement is approved; recompute only from: draft, checked by the manager, disputed',
    });
    expect(transition('exported', 'export', actors.admin!)).toMatchObject({ ok: false });
  });

  test('only the owner marks his statement checked', () => {
    expect(transition('draft', 'check', actors.head!)).toEqual({
      ok: false,
      reasonRu: 'Проверенным свой расчёт отмечает только сам сотрудник',
      reasonEn: 'Only the employee marks his own statement checked',
    });
  });
});

describe('CSV for 1C:ЗУП', () => {
  const ivanov = computeSalaryStatement(october());
  const petrov = computeSalaryStatement(october({ userId: 8, plan: null }));
  const csv = statementCsv(
    [ivanov, petrov],
    [
      { userId: MANAGER, personnelNumber: '00042', email: 'ivanov@example.ru', fullName: 'Иванов Иван Петрович' },
      { userId: 8, personnelNumber: null, email: 'petrov@example.ru', fullName: '=Петров; "Пётр"' },
    ],
  );

  test('is UTF-8 with a BOM, ";" between cells, CRLF, decimal commas, zero lines left out, cells escaped', () => {
    expect([...Buffer.from(csv, 'utf8').subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv).toBe(
      '\uFEFF' +
        'Табельный номер/email;ФИО;Месяц;Код начисления;Вид начисления;Сумма\r\n' +
        '00042;Иванов Иван Петрович;01.10.2026;base;Оклад;40000,00\r\n' +
        '00042;Иванов Иван Петрович;01.10.2026;commission;Комиссия с отгрузок;46268,53\r\n' +
        '00042;Иванов Иван Петрович;01.10.2026;plan_bonus;Премия за выполнение плана;25000,00\r\n' +
        '00042;Иванов Иван Петрович;01.10.2026;kpi_targeted_calls;KPI: целевые звонки;5000,00\r\n' +
        // Petrov: 500 000,00 ₽ × 1,50 % = 7 500,00 ₽; no plan, so no tier row; KPI reached on the same calls.
        'petrov@example.ru;"\'=Петров; ""Пётр""";01.10.2026;base;Оклад;40000,00\r\n' +
        'petrov@example.ru;"\'=Петров; ""Пётр""";01.10.2026;commission;Комиссия с отгрузок;7500,00\r\n' +
        'petrov@example.ru;"\'=Петров; ""Пётр""";01.10.2026;kpi_targeted_calls;KPI: целевые звонки;5000,00\r\n',
    );
  });

  test('refuses a statement of someone it cannot name', () => {
    expect(() => statementCsv([ivanov], [])).toThrow(RangeError);
  });
});
