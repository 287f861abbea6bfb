const syncTime = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'short', timeStyle: 'short' });

export function formatSyncTime(ms: number | null): string {
  return ms === null ? 'ещё не было' : syncTime.format(ms);
}
