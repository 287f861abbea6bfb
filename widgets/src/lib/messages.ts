import type { WidgetProblem } from './api';
import { formatClock } from './format';

export const LOADING_TEXT = 'Загрузка…';
export const REVOKED_TEXT = 'Токен отозван или истёк — создайте новый на странице токенов';

/**
 * What a widget says for each problem, in words a manager can act on. Transient problems name the
 * time of the figures still shown, so nobody mistakes them for live ones.
 */
export function describeProblem(problem: WidgetProblem, updatedAt: number | null = null, timeZone?: string): string {
  const shown = updatedAt === null ? 'повторяем автоматически' : `данные на ${formatClock(updatedAt, timeZone)}`;
  switch (problem.kind) {
    case 'missing-token':
      return 'Не указан токен виджета: добавьте ?t=… к адресу или атрибут data-token';
    case 'revoked':
      return REVOKED_TEXT;
    case 'offline':
      return `Нет связи — ${shown}`;
    case 'server':
      return `${problem.message} — ${shown}`;
  }
}

/** «Обновлено в 14:05» under live figures. */
export function describeFreshness(updatedAt: number, timeZone?: string): string {
  return `Обновлено в ${formatClock(updatedAt, timeZone)}`;
}

/** Problems a retry cannot fix stop the polling and hide stale figures. */
export function isFinal(problem: WidgetProblem): boolean {
  return problem.kind === 'missing-token' || problem.kind === 'revoked';
}
