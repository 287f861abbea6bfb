/** Where a lead came from: the one list the table's enum, the reports and their drill-downs derive from. */
export const LEAD_CHANNELS = ['call', 'mail', 'onec', 'manual', 'import', 'web'] as const;
export type LeadChannel = (typeof LEAD_CHANNELS)[number];

/** How the channels read in Russian (report columns, drill-down rows). */
export const LEAD_CHANNEL_TITLES_RU: Readonly<Record<LeadChannel, string>> = {
  call: 'Звонок',
  mail: 'Почта',
  onec: '1С',
  manual: 'Вручную',
  import: 'Импорт',
  web: 'Сайт',
};
