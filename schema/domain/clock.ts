/**
 * The one place that reads the machine's calendar clock. Everything else takes "now" as an
 * argument: the worker from its request (worker/src/platform/clock.ts), the cron from `scheduledTime`,
 * browser code and scripts from here. tests/unit/test-rules.test.ts holds every other file to it.
 */
export function systemNow(): number {
  return Date.now();
}

/**
 * An ISO 8601 instant with an explicit zone ("2026-12-31T23:59:30+03:00", "…Z") as epoch ms, or
 * null when empty. A zone-less or unparsable value throws: a clock must never guess its zone.
 */
export function parseInstant(iso: string | undefined | null): number | null {
  if (!iso || !iso.trim()) return null;
  const text = iso.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    throw new Error(`clock: "${text}" is not an ISO instant with a zone (e.g. 2026-12-31T23:59:30+03:00)`);
  }
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`clock: "${text}" is not a real moment`);
  return ms;
}

/** A fixed instant when one is given (tests, seeds, the bench, a demo shown at a date), else the machine's clock. */
export function fixedOrSystemNow(fixedAt: string | undefined | null): number {
  return parseInstant(fixedAt) ?? systemNow();
}
