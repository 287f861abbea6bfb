import { z } from 'zod';
import { AppError, type FieldIssue } from './errors';
import type { Lang } from './i18n';

// Workers forbid eval; zod's JIT fast path would probe for it on every cold start.
z.config({ jitless: true });

const errorMaps = { ru: z.locales.ru().localeError, en: z.locales.en().localeError };

/** Parse or throw validation_failed naming every bad field, in the caller's language. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, lang: Lang, where: string): z.output<T> {
  const result = schema.safeParse(value, { error: errorMaps[lang] as never });
  if (result.success) return result.data;
  const fields: FieldIssue[] = result.error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new AppError('validation_failed', undefined, fields);
}
