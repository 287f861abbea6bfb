import type { Lang, Text } from './i18n';

export const errorCodes = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'internal',
  'unavailable',
  'bad_gateway',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export function statusOf(code: ErrorCode): 400 | 401 | 403 | 404 | 405 | 409 | 413 | 429 | 500 | 502 | 503 {
  switch (code) {
    case 'bad_request':
    case 'validation_failed':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'method_not_allowed':
      return 405;
    case 'conflict':
      return 409;
    case 'payload_too_large':
      return 413;
    case 'rate_limited':
      return 429;
    case 'unavailable':
      return 503;
    case 'bad_gateway':
      return 502;
    case 'internal':
      return 500;
  }
}

const defaultMessages: Record<ErrorCode, Text> = {
  bad_request: { ru: 'Некорректный запрос', en: 'Bad request' },
  validation_failed: { ru: 'Проверьте поля запроса', en: 'Some fields are invalid' },
  unauthorized: { ru: 'Нужно войти в систему', en: 'Sign-in required' },
  forbidden: { ru: 'Недостаточно прав', en: 'You are not allowed to do this' },
  not_found: { ru: 'Не найдено', en: 'Not found' },
  method_not_allowed: { ru: 'Метод не поддерживается', en: 'Method not allowed' },
  conflict: { ru: 'Конфликт с существующими данными', en: 'Conflicts with existing data' },
  payload_too_large: { ru: 'Слишком большой запрос', en: 'Payload too large' },
  rate_limited: { ru: 'Слишком много запросов: повторите позже', en: 'Too many requests: retry later' },
  internal: { ru: 'Внутренняя ошибка сервера', en: 'Internal server error' },
  unavailable: { ru: 'Сервис временно недоступен', en: 'Service temporarily unavailable' },
  bad_gateway: { ru: 'Внешний сервис отказал', en: 'The upstream service failed' },
};

export interface FieldIssue {
  field: string;
  message: string;
}

/** The one error type services throw; onError turns it into `{ error: { code, message, requestId } }`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text?: Text,
    readonly fields?: FieldIssue[],
    readonly details?: Record<string, unknown>,
  ) {
    super(text?.en ?? defaultMessages[code].en);
  }

  statusCode() {
    return statusOf(this.code);
  }

  messageIn(lang: Lang): string {
    return (this.text ?? defaultMessages[this.code])[lang];
  }
}

export const notFound = (text?: Text) => new AppError('not_found', text);
export const forbidden = (text?: Text) => new AppError('forbidden', text);
export const unauthorized = (text?: Text) => new AppError('unauthorized', text);

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; fields?: FieldIssue[]; details?: Record<string, unknown> };
}

export function errorBody(err: AppError, lang: Lang, requestId: string): ErrorBody {
  return {
    error: {
      code: err.code,
      message: err.messageIn(lang),
      requestId,
      ...(err.fields ? { fields: err.fields } : {}),
      ...(err.details ? { details: err.details } : {}),
    },
  };
}
