import type { WidgetProblem } from './api';

export const REFRESH_SECONDS = 30;

export const LOADING_TEXT = 'Загрузка…';

/** What a widget says for each problem, in words a manager can act on. */
export function describeProblem(problem: WidgetProblem): string {
  switch (problem.kind) {
    case 'missing-token': return 'Не указан токен виджета: добавьте ?t=… к адресу или атрибут data-token';
    case 'revoked': return 'Токен виджета отозван или истёк — выпустите новый на странице «Токены»';
    case 'offline': return `Нет связи с сервером, повторим через ${REFRESH_SECONDS} с`;
    case 'server': return `${problem.message}. Повторим через ${REFRESH_SECONDS} с`;
  }
}

/** Problems a retry cannot fix stop the polling and hide stale figures. */
export function isFinal(problem: WidgetProblem): boolean {
  return problem.kind === 'missing-token' || problem.kind === 'revoked';
}
