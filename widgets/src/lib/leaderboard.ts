import type { WidgetRegion } from '../../../schema/contracts/pay';

export type Leader = WidgetRegion['leaders'][number];

/** Highest plan completion first; managers without a plan after those with one; ties by fact, then name. */
export function rankLeaders(leaders: readonly Leader[]): Leader[] {
  return [...leaders].sort(
    (a, b) =>
      (a.planCompletionBp === null ? 1 : 0) - (b.planCompletionBp === null ? 1 : 0) ||
      (b.planCompletionBp ?? 0) - (a.planCompletionBp ?? 0) ||
      b.factKopecks - a.factKopecks ||
      a.name.localeCompare(b.name, 'ru'),
  );
}

/** The first `limit` items and how many more there are (long lists would stretch the 1C home page). */
export function firstOf<T>(items: readonly T[], limit: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}
