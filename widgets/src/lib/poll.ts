/**
 * When a widget asks for fresh figures: every 15 s while the page is visible, at once when it
 * becomes visible again, never two requests at a time, and never again after a final problem.
 * Pure of the DOM so it can be driven by fake timers.
 */
export const DEFAULT_REFRESH_MS = 15_000;
/** `data-refresh` is honoured down to this, so a typo cannot hammer the server. */
export const MIN_REFRESH_MS = 1_000;

/** `data-refresh` / `?refresh=` in seconds → the poll period in ms. */
export function refreshIntervalMs(seconds: string | null | undefined): number {
  const value = Number(seconds);
  if (!seconds || !Number.isFinite(value) || value <= 0) return DEFAULT_REFRESH_MS;
  return Math.max(MIN_REFRESH_MS, Math.round(value * 1000));
}

export interface PollingOptions {
  /** One request; 'stop' ends the polling (a revoked token will not come back). */
  load: () => Promise<'continue' | 'stop'>;
  intervalMs: number;
  isVisible: () => boolean;
  /** Subscribes to "the page became visible"; returns the unsubscribe. */
  onVisible: (listener: () => void) => () => void;
  /** The figures are already on screen (the page carried them): the first request waits a period. */
  startLater?: boolean;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** Loads now, then on schedule; returns the function that stops it. */
export function startPolling(opts: PollingOptions): () => void {
  const setTimer = opts.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = opts.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown;
  let loading = false;
  let again = false;
  let stopped = false;

  const stop = () => {
    stopped = true;
    clearTimer(timer);
    unsubscribe();
  };

  const tick = async (force: boolean) => {
    clearTimer(timer);
    timer = undefined;
    if (stopped) return;
    // A hidden page is not polled; becoming visible brings it up to date at once.
    if (!force && !opts.isVisible()) return;
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    const outcome = await opts.load().catch(() => 'continue' as const);
    loading = false;
    if (stopped) return;
    if (outcome === 'stop') return stop();
    if (again) {
      again = false;
      return void tick(true);
    }
    timer = setTimer(() => void tick(false), opts.intervalMs);
  };

  const unsubscribe = opts.onVisible(() => void tick(true));
  if (opts.startLater) timer = setTimer(() => void tick(false), opts.intervalMs);
  else void tick(true);
  return stop;
}
