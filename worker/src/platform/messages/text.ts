/** The two interface languages and a string in both; re-exported by platform/i18n.ts. */
export type Lang = 'ru' | 'en';
export type Text = { ru: string; en: string };
