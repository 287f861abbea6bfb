import { parseInstant } from '../../schema/domain/clock';

/**
 * The test suite's one clock. No test reads the machine's calendar: "now" is `TEST_NOW`, a fixed
 * instant that CI moves to awkward moments (`VORONKA_TEST_NOW`, see scripts/test-calendar.mjs), and
 * every worker a test starts takes the same instant as its own "now" (startWorker → CLOCK_NOW).
 * A suite whose data sit at fixed dates states the date it runs at: `startWorker({ now: at('…') })`.
 */
export const DEFAULT_TEST_NOW = '2026-12-05T09:00:00Z';

/** ISO 8601 with a zone → epoch ms; throws on anything else, so a typo cannot silently mean 1970. */
export function at(iso: string): number {
  const ms = parseInstant(iso);
  if (ms === null) throw new Error('at(): an empty instant');
  return ms;
}

export const TEST_NOW_ISO = new Date(at(process.env.VORONKA_TEST_NOW || DEFAULT_TEST_NOW)).toISOString();
export const TEST_NOW = at(TEST_NOW_ISO);
/** TEST_NOW in Unix seconds, as PBX webhooks carry it. */
export const TEST_NOW_S = Math.floor(TEST_NOW / 1000);

/** "YYYY-MM-DD HH:MM:SS" and "YYYY-MM" of an instant in a zone (default Moscow), as 1C and Zadarma write them. */
export function wallClock(ms: number, timeZone = 'Europe/Moscow'): string {
  return new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  })
    .format(ms)
    .replace(',', '');
}
export const monthOf = (ms: number, timeZone = 'Europe/Moscow'): string => wallClock(ms, timeZone).slice(0, 7);

/** Milliseconds on a monotonic timer, for deadlines and elapsed time in polling loops: not a calendar. */
export const monotonicMs = (): number => performance.now();
