const dayFormat = new Intl.DateTimeFormat('ru-RU', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });

/** "2026-11-20" (the manager's local date, as the server sends it) → «пятница, 20 ноября». */
export function formatDay(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return y && m && d ? dayFormat.format(Date.UTC(y, m - 1, d)) : isoDate;
}
