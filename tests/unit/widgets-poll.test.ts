import { startPolling } from '../../widgets/src/lib/poll';

/** A page whose visibility the test flips, as document.visibilityState would change. */
function page() {
  let visible = true;
  const listeners = new Set<() => void>();
  return {
    isVisible: () => visible,
    onVisible: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hide: () => {
      visible = false;
    },
    show: () => {
      visible = true;
      listeners.forEach((l) => l());
    },
    listenerCount: () => listeners.size,
  };
}

/** Lets the pending promise callbacks (a finished load) run. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 10, 20, 9, 0) }));
afterEach(() => jest.useRealTimers());

describe('widget refresh scheduling', () => {
  it('loads at once, then every interval after the previous answer', async () => {
    const p = page();
    const loads: number[] = [];
    const stop = startPolling({
      intervalMs: 15_000,
      ...p,
      load: async () => {
        loads.push(jest.now());
        return 'continue';
      },
    });
    await settle();
    expect(loads).toHaveLength(1);

    await jest.advanceTimersByTimeAsync(14_999);
    expect(loads).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(loads).toHaveLength(2);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(loads).toHaveLength(4);
    stop();
  });

  it('does not poll a hidden page, and catches up the moment it is visible again', async () => {
    const p = page();
    let loads = 0;
    const stop = startPolling({
      intervalMs: 15_000,
      ...p,
      load: async () => {
        loads++;
        return 'continue';
      },
    });
    await settle();
    p.hide();
    await jest.advanceTimersByTimeAsync(120_000);
    expect(loads).toBe(1);

    p.show();
    await settle();
    expect(loads).toBe(2);
    await jest.advanceTimersByTimeAsync(15_000);
    expect(loads).toBe(3);
    stop();
  });

  it('never has two requests in flight: a visibility change during a load asks once more after it', async () => {
    const p = page();
    const pending: (() => void)[] = [];
    let started = 0;
    const stop = startPolling({
      intervalMs: 15_000,
      ...p,
      load: () =>
        new Promise((resolve) => {
          started++;
          pending.push(() => resolve('continue'));
        }),
    });
    p.show();
    p.show();
    expect(started).toBe(1);

    pending.shift()!();
    await settle();
    expect(started).toBe(2);
    pending.shift()!();
    await settle();
    await jest.advanceTimersByTimeAsync(15_000);
    expect(started).toBe(3);
    stop();
  });

  it('stops for good after a final problem such as a revoked token', async () => {
    const p = page();
    let loads = 0;
    startPolling({
      intervalMs: 1_000,
      ...p,
      load: async () => {
        loads++;
        return 'stop';
      },
    });
    await settle();
    await jest.advanceTimersByTimeAsync(10_000);
    p.show();
    await settle();
    expect(loads).toBe(1);
    expect(p.listenerCount()).toBe(0);
  });

  it('keeps polling after a load that throws', async () => {
    const p = page();
    let loads = 0;
    const stop = startPolling({
      intervalMs: 1_000,
      ...p,
      load: async () => {
        loads++;
        throw new Error('boom');
      },
    });
    await settle();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(loads).toBe(3);
    stop();
  });

  it('does nothing more once stopped', async () => {
    const p = page();
    let loads = 0;
    const stop = startPolling({
      intervalMs: 1_000,
      ...p,
      load: async () => {
        loads++;
        return 'continue';
      },
    });
    await settle();
    stop();
    await jest.advanceTimersByTimeAsync(10_000);
    p.show();
    expect(loads).toBe(1);
  });
});
