import type { WidgetProblem } from './api';
import { isFinal } from './messages';

export interface WidgetState<T> {
  /** Last figures received; kept through transient failures so the widget does not blank out. */
  data: T | null;
  problem: WidgetProblem | null;
  /** When the figures shown were received (ms, this browser's clock). */
  updatedAt: number | null;
}

export type WidgetEvent<T> = { type: 'loaded'; data: T; at: number } | { type: 'failed'; problem: WidgetProblem };

export const INITIAL_STATE: WidgetState<never> = { data: null, problem: null, updatedAt: null };

/** A final problem (no or revoked token) hides the figures: they may belong to a token no longer valid. */
export function reduceWidgetState<T>(state: WidgetState<T>, event: WidgetEvent<T>): WidgetState<T> {
  if (event.type === 'loaded') return { data: event.data, problem: null, updatedAt: event.at };
  if (isFinal(event.problem)) return { data: null, problem: event.problem, updatedAt: null };
  return { ...state, problem: event.problem };
}
