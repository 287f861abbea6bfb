import { byRussian } from '../platform/i18n';
import { REPORTS } from '../platform/messages/reports';

/**
 * The report services answer in Russian (their JSON's `titleRu`, `notes`, drill-down titles and the
 * words of their rows); a page in English shows each such text from `reports.api.*` (and the rest of
 * the section), found by its Russian side — see `byRussian` in platform/i18n.ts.
 */
export const reportText = byRussian(REPORTS);

/** The Russian the services answer in, from the catalogue (so a page in English always finds it there). */
export const ru = (key: keyof typeof REPORTS): string => REPORTS[key].ru;
