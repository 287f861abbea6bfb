import { readWidgetConfig } from '../../widgets/src/lib/config';
import { rankLeaders, firstOf, type Leader } from '../../widgets/src/lib/leaderboard';
import { REVOKED_TEXT, describeFreshness, describeProblem } from '../../widgets/src/lib/messages';
import { INITIAL_STATE, reduceWidgetState, type WidgetState } from '../../widgets/src/lib/state';

const MSK = 'Europe/Moscow';
const T1 = Date.UTC(2026, 10, 20, 11, 5);
const T2 = Date.UTC(2026, 10, 20, 11, 6);
type Figures = { fact: number };

describe('widget state', () => {
  const loaded: WidgetState<Figures> = reduceWidgetState<Figures>(INITIAL_STATE, { type: 'loaded', data: { fact: 100 }, at: T1 });

  it('shows the figures received and when', () => {
    expect(loaded).toEqual({ data: { fact: 100 }, problem: null, updatedAt: T1 });
  });

  it('keeps the last figures and their time when the connection drops', () => {
    const offline = reduceWidgetState(loaded, { type: 'failed', problem: { kind: 'offline' } });
    expect(offline).toEqual({ data: { fact: 100 }, problem: { kind: 'offline' }, updatedAt: T1 });
    expect(describeProblem(offline.problem!, offline.updatedAt, MSK)).toBe('Нет связи — данные на 14:05');
  });

  it('clears the problem with the next answer', () => {
    const offline = reduceWidgetState(loaded, { type: 'failed', problem: { kind: 'server', message: 'Сервис временно недоступен' } });
    expect(describeProblem(offline.problem!, offline.updatedAt, MSK)).toBe('Сервис временно недоступен — данные на 14:05');
    expect(reduceWidgetState(offline, { type: 'loaded', data: { fact: 250 }, at: T2 })).toEqual({
      data: { fact: 250 },
      problem: null,
      updatedAt: T2,
    });
    expect(describeFreshness(T2, MSK)).toBe('Обновлено в 14:06');
  });

  it('hides the figures once the token is revoked, and says what to do', () => {
    const revoked = reduceWidgetState(loaded, { type: 'failed', problem: { kind: 'revoked' } });
    expect(revoked).toEqual({ data: null, problem: { kind: 'revoked' }, updatedAt: null });
    expect(describeProblem(revoked.problem!)).toBe('Токен отозван или истёк — создайте новый на странице токенов');
    expect(REVOKED_TEXT).toBe('Токен отозван или истёк — создайте новый на странице токенов');
  });

  it('says the connection is down before anything was ever shown', () => {
    expect(describeProblem({ kind: 'offline' })).toBe('Нет связи — повторяем автоматически');
  });
});

describe('widget refresh setting', () => {
  const element = (attrs: Record<string, string>) => ({ getAttribute: (name: string) => attrs[name] ?? null }) as unknown as Element;

  it('polls every 15 s unless told otherwise', () => {
    expect(readWidgetConfig(element({}), 'https://crm.example.ru/w/month?t=vke_a').refreshMs).toBe(15_000);
  });

  it('takes data-refresh in seconds, then ?refresh= of the iframe page', () => {
    expect(readWidgetConfig(element({ 'data-refresh': '2' }), 'https://crm.example.ru/w/month?refresh=5').refreshMs).toBe(2_000);
    expect(readWidgetConfig(element({}), 'https://crm.example.ru/w/month?t=vke_a&refresh=5').refreshMs).toBe(5_000);
  });

  it('never polls faster than once a second, and ignores nonsense', () => {
    expect(readWidgetConfig(element({ 'data-refresh': '0.2' }), 'https://x.ru/').refreshMs).toBe(1_000);
    expect(readWidgetConfig(element({ 'data-refresh': '0' }), 'https://x.ru/').refreshMs).toBe(15_000);
    expect(readWidgetConfig(element({ 'data-refresh': 'часто' }), 'https://x.ru/').refreshMs).toBe(15_000);
  });
});

describe('region leaderboard', () => {
  const leader = (userId: number, name: string, planCompletionBp: number | null, factKopecks: number): Leader => ({
    userId,
    name,
    planKopecks: planCompletionBp === null ? null : 100,
    factKopecks,
    planCompletionBp,
    targetedCallsToday: 0,
  });

  it('ranks by plan completion, managers without a plan last, ties by fact and then name', () => {
    const ranked = rankLeaders([
      leader(1, 'Борис', 8_000, 400),
      leader(2, 'Анна', 10_721, 1_000),
      leader(3, 'Вера', null, 9_999),
      leader(4, 'Глеб', 8_000, 500),
      leader(5, 'Дарья', 8_000, 500),
    ]);
    expect(ranked.map((l) => l.name)).toEqual(['Анна', 'Глеб', 'Дарья', 'Борис', 'Вера']);
  });

  it('shows the first few of a long list and counts the rest', () => {
    expect(firstOf([1, 2, 3, 4, 5, 6, 7], 5)).toEqual({ shown: [1, 2, 3, 4, 5], more: 2 });
    expect(firstOf([1], 5)).toEqual({ shown: [1], more: 0 });
  });
});
