/**
 * The one Russian format for page scripts — the same functions the server pages use
 * (schema/domain/format-ru.ts): a date, a month, money or a phone reads the same wherever it is drawn.
 */
export * from '../../../schema/domain/format-ru';
