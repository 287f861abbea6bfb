import { sql } from 'drizzle-orm';
import type { Lang } from '../platform/i18n';

/**
 * A stored row's reason (`import_rows` as `r`) in `lang`: the check writes both, rows committed
 * before migration 0019 have only the Russian one, which an English reader then gets.
 */
export const reasonIn = (lang: Lang) => sql.raw(lang === 'en' ? 'coalesce(r.reason_en, r.reason)' : 'r.reason');
